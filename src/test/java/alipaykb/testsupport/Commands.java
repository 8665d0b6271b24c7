package alipaykb.testsupport;

import alipaykb.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Runs the command line in the test's JVM and keeps everything it printed: what the command wrote to its
 * own writers, and anything written to System.out or System.err meanwhile (logs, batch output), so that a
 * test sees all a user would see.
 */
public final class Commands {
    private static final Object CONSOLE = new Object();

    private Commands() {
    }

    /** What one run printed and returned. */
    public record Run(int exit, String out, String err) {
        /** Everything printed, out and err. */
        public String all() {
            return out + "\n" + err;
        }
    }

    public static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream systemOut = new ByteArrayOutputStream();
        ByteArrayOutputStream systemErr = new ByteArrayOutputStream();
        int exit;
        synchronized (CONSOLE) {
            PrintStream oldOut = System.out;
            PrintStream oldErr = System.err;
            // Anything printed outside the command's writers (by a thread still running) is kept too.
            System.setOut(new PrintStream(systemOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(systemErr, true, StandardCharsets.UTF_8));
            try {
                exit = Main.execute(args, out, err);
            } finally {
                System.out.flush();
                System.err.flush();
                System.setOut(oldOut);
                System.setErr(oldErr);
            }
        }
        return new Run(exit, out + systemOut.toString(StandardCharsets.UTF_8),
                err + systemErr.toString(StandardCharsets.UTF_8));
    }

    /** A copy of the rules frozen for tests (src/test/resources/frozen-rules) in {@code folder/rules}, to edit or add to: an analyst's edit of rules/ does not move these tests. */
    public static Path copyOfRules(Path folder) throws IOException {
        Path rules = Files.createDirectories(folder.resolve("rules"));
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/frozen-rules"))) {
            for (Path file : files.filter(file -> file.toString().endsWith(".drl")).toList()) {
                Files.copy(file, rules.resolve(file.getFileName()));
            }
        }
        return rules;
    }

    /** Replaces text in a file, failing when the text is not there. */
    public static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        if (!text.contains(from)) {
            throw new AssertionError(file + " does not contain: " + from);
        }
        Files.writeString(file, text.replace(from, to));
    }
}
