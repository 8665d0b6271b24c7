package alipaykb.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.objectweb.asm.ClassReader;

/**
 * Drools below its public API is reached through one door: the compiled library names Drools' and KIE's
 * types only from {@code kie-api}, the parsed form of rule files, and the executable model's view of a
 * running rule; everything else is named by {@code DroolsInternals} alone. Read from the texts of each
 * class file's constant pool, where every class, descriptor and signature the class names is written,
 * so that no fully qualified name, lambda or generic signature escapes the check.
 */
class DroolsDoorTest {
    private static final Path CLASSES = Path.of("target/classes");
    private static final String DOOR = "alipaykb/engine/DroolsInternals";
    /** What any class of the library may name: the public API and the parsed tree of a rule file. */
    private static final List<String> OPEN_TO_ALL = List.of("org/kie/api/", "org/drools/drl/ast/descr/");
    /** The executable model's context of a running rule, which compiled rules hand to {@code Provenance.of}. */
    private static final String RULE_CONTEXT_OF_THE_MODEL = "org/drools/model/Drools";

    @Test
    void onlyTheDoorNamesDroolsInternals() throws IOException {
        // Given every class the library compiles to
        List<String> outside = new ArrayList<>();
        Set<String> namedByTheDoor = new TreeSet<>();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String owner = CLASSES.relativize(file).toString().replace('\\', '/').replaceFirst("\\.class$", "");

                // When the types it names are read from its bytecode
                for (String type : typesNamedBy(file)) {
                    if (!type.startsWith("org/drools/") && !type.startsWith("org/kie/")) {
                        continue;
                    }
                    boolean door = owner.equals(DOOR) || owner.startsWith(DOOR + "$");
                    if (door) {
                        namedByTheDoor.add(type);
                    } else if (OPEN_TO_ALL.stream().noneMatch(type::startsWith)
                            && !type.equals(RULE_CONTEXT_OF_THE_MODEL)) {
                        outside.add(owner + " names " + type);
                    }
                }
            }
        }

        // Then no class but the door names what lies below the public API, and the door does
        assertThat(outside).isEmpty();
        assertThat(namedByTheDoor).anyMatch(type -> type.startsWith("org/kie/internal/"))
                .anyMatch(type -> type.startsWith("org/drools/compiler/"));
    }

    private static final Pattern DROOLS_TYPE = Pattern.compile("org/(?:drools|kie)/[\\w/$]*\\w");
    private static final int CONSTANT_UTF8 = 1;

    private static Set<String> typesNamedBy(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ClassReader reader = new ClassReader(bytes);
        Set<String> named = new TreeSet<>();
        for (int item = 1; item < reader.getItemCount(); item++) {
            int offset = reader.getItem(item);
            if (offset > 0 && reader.readByte(offset - 1) == CONSTANT_UTF8) {
                int length = reader.readUnsignedShort(offset);
                String text = new String(bytes, offset + 2, length, StandardCharsets.UTF_8);
                Matcher type = DROOLS_TYPE.matcher(text);
                while (type.find()) {
                    named.add(type.group());
                }
            }
        }
        return named;
    }
}
