package alipaykb.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every public type of the library says what it is, in a doc comment that the built Javadoc shows. */
class PublicTypesAreDocumentedTest {
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^\\s*public\\s+(?:(?:static|final|abstract|sealed|non-sealed)\\s+)*(?:class|record|enum|interface|@interface)\\s+(\\w+)");

    @Test
    void everyPublicTypeHasADocComment() throws IOException {
        // When every source file of the library is read
        List<String> undocumented = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    var type = PUBLIC_TYPE.matcher(lines.get(i));
                    if (type.find() && !documented(lines, i)) {
                        undocumented.add(file + ":" + (i + 1) + " " + type.group(1));
                    }
                }
            }
        }

        // Then each public type declaration follows a doc comment (annotations may stand between)
        assertThat(undocumented).isEmpty();
    }

    /** Walks back over the type's annotations, which may span lines, to the doc comment's end. */
    private static boolean documented(List<String> lines, int declaration) {
        for (int i = declaration - 1; i >= 0; i--) {
            String line = lines.get(i).strip();
            if (line.endsWith("*/")) {
                return true;
            }
            if (line.isEmpty() || line.endsWith(";") || line.equals("}") || line.startsWith("import ")) {
                return false;
            }
        }
        return false;
    }
}
