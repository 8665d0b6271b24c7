package alipaykb.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library as a service depends on it: the README's embedding program, compiled and run in a project of
 * its own, against the library jar and the dependencies it declares, and nothing of the build.
 */
class EmbeddingAsADependencyIT {
    private static final Path LIBRARY = Path.of(System.getProperty("alipaykb.library.jar", "target/missing.jar"));
    private static final Path DEPENDENCIES = Path.of(System.getProperty("alipaykb.library.classpath",
            "target/library-classpath.txt"));

    private static String readmeProgram() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String block = readme.substring(readme.indexOf("<!-- embedding-example:start -->"),
                readme.indexOf("<!-- embedding-example:end -->"));
        return block.substring(block.indexOf("```java\n") + "```java\n".length(), block.lastIndexOf("```"));
    }

    private static List<String> classpath() throws IOException {
        List<String> entries = new ArrayList<>();
        entries.add(LIBRARY.toAbsolutePath().toString());
        for (String entry : Files.readString(DEPENDENCIES).strip().split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(entry);
            }
        }
        return entries;
    }

    @Test
    void theReadmeProgramCompilesAndRunsAgainstTheLibraryAlone(@TempDir Path consumer) throws Exception {
        // Given a project of its own holding only the README's program, and rules of its own to reload
        Path source = consumer.resolve("src/EmbeddingExample.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, readmeProgram());
        Path rules = consumer.resolve("rules");
        Files.createDirectories(rules);
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/frozen-rules"))) {
            for (Path file : files.toList()) {
                Files.copy(file, rules.resolve(file.getFileName()));
            }
        }
        String classpath = String.join(File.pathSeparator, classpath());

        // When it is compiled against the library jar and its declared dependencies
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Path classes = consumer.resolve("classes");
        Files.createDirectories(classes);
        int compiled = javac.run(null, null, null, "--release", "17", "-cp", classpath, "-d", classes.toString(),
                source.toString());

        // And run in a JVM of its own, from the consumer's folder
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classes + File.pathSeparator + classpath, "EmbeddingExample", rules.toString())
                .directory(consumer.toFile()).redirectErrorStream(false).start();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();

        // Then it decided from several threads and swapped in the reloaded rules
        assertThat(compiled).isZero();
        assertThat(run.exitValue()).as(out + err).isZero();
        assertThat(out).containsPattern("decided 16 times; rules [0-9a-f]{12}, swapped true");
    }

    @Test
    void theLibraryJarHoldsOnlyItsOwnClassesAndNoLoggingBinding() throws IOException {
        // When the library jar's entries are read
        List<String> foreign;
        try (JarFile jar = new JarFile(LIBRARY.toFile())) {
            foreign = jar.stream().map(entry -> entry.getName())
                    .filter(name -> !name.startsWith("alipaykb/") && !name.startsWith("META-INF/"))
                    .toList();
        }

        // Then nothing but alipay-kb's own is in it, and a service's classpath gets no binding and no CLI parser
        assertThat(foreign).isEmpty();
        assertThat(classpath()).noneMatch(entry -> entry.contains("slf4j-simple") || entry.contains("picocli"))
                .anyMatch(entry -> entry.contains("slf4j-api")).anyMatch(entry -> entry.contains("drools-engine"));
    }
}
