package alipaykb.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Temporary folders for tests, named in letters only. The standard names end in a long run of digits, which
 * every output masks as it would a card number; tests that compare printed paths need names that pass whole.
 */
public final class LetterTempDirs implements TempDirFactory {
    @Override
    public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext extension) throws IOException {
        Path base = Path.of(System.getProperty("java.io.tmpdir"));
        while (true) {
            StringBuilder name = new StringBuilder("alipay-kb-test-");
            for (int i = 0; i < 12; i++) {
                name.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
            }
            try {
                return Files.createDirectory(base.resolve(name.toString()));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another name
            }
        }
    }
}
