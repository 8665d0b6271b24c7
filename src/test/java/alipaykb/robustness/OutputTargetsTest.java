package alipaykb.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import alipaykb.testsupport.Commands;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Outputs never replace what is not a regular file: a symbolic link, a named pipe or a folder given as
 * {@code --out}, {@code --junit-xml} or inside {@code --coverage-report} is refused with a usage error before
 * anything runs, and is left as it was. Temporary files of a killed run do not pile up.
 */
class OutputTargetsTest {
    private static final String PROFILE_LINE = "{\"asOf\": \"2025-06-01\", \"user\": {\"residence\": \"US\", "
            + "\"inMainlandChina\": true, \"app\": \"MAINLAND\"}, \"cards\": [], \"transactions\": []}";
    private static final String SCENARIO = "test-scenarios/fees/foreign-card-service-fee-above-200.yaml";

    private static Path input(Path folder) throws IOException {
        return Files.writeString(folder.resolve("profiles.jsonl"), PROFILE_LINE + "\n" + PROFILE_LINE + "\n");
    }

    private static Path fifo(Path file) throws IOException, InterruptedException {
        Process mkfifo = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();
        return file;
    }

    private static List<String> namesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    /** The three ways a test or batch run names an output file, for a target. */
    private static Commands.Run writeTo(String option, Path target) throws IOException {
        return switch (option) {
            case "--out" -> Commands.run("batch", input(target.getParent().getParent()).toString(), "--out",
                    target.toString());
            case "--junit-xml" -> Commands.run("test", SCENARIO, "--junit-xml", target.toString());
            default -> Commands.run("test", SCENARIO, "--coverage-report", target.getParent().toString());
        };
    }

    /** A folder for the target, inside the test's folder, and the target's name for the option. */
    private static Path targetIn(Path folder, String option) throws IOException {
        Path out = Files.createDirectories(folder.resolve("out"));
        return out.resolve(option.equals("--coverage-report") ? "coverage.html" : "result");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--out", "--junit-xml", "--coverage-report"})
    void aSymbolicLinkIsRefusedAndStaysALinkToAnUntouchedFile(String option, @TempDir Path folder) throws IOException {
        // Given a file, and the output target a symbolic link to it
        Path precious = Files.writeString(folder.resolve("precious.txt"), "keep me\n");
        Path target = Files.createSymbolicLink(targetIn(folder, option), precious);

        // When a command is told to write there
        Commands.Run run = writeTo(option, target);

        // Then it is a usage error naming the link, before anything ran, and the link and the file are unchanged
        assertThat(run.exit()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains(target.getFileName() + ": is a symbolic link");
        assertThat(run.out()).doesNotContain("passed").doesNotContain("rulesVersion");
        assertThat(Files.isSymbolicLink(target)).isTrue();
        assertThat(Files.readSymbolicLink(target)).isEqualTo(precious);
        assertThat(Files.readString(precious)).isEqualTo("keep me\n");
        assertThat(namesIn(target.getParent())).containsExactly(target.getFileName().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--out", "--junit-xml", "--coverage-report"})
    void aNamedPipeIsRefusedWithoutBlockingAndStaysAPipe(String option, @TempDir Path folder) throws Exception {
        // Given a named pipe that no one reads, as the output target
        Path target = fifo(targetIn(folder, option));

        // When a command is told to write there
        Commands.Run run = writeTo(option, target);

        // Then it is refused at once as a pipe, and the pipe is still a pipe
        assertThat(run.exit()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains(target.getFileName() + ": is a named pipe");
        assertThat(Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat((Integer) Files.getAttribute(target, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000)
                .isEqualTo(0010000);
        assertThat(namesIn(target.getParent())).containsExactly(target.getFileName().toString());
    }

    @Test
    void aCoverageReportPathThatIsAFileIsRefused(@TempDir Path folder) throws IOException {
        // Given a regular file where the coverage folder should be
        Path file = Files.writeString(folder.resolve("coverage"), "not a folder\n");

        // When a test run is told to write its coverage there
        Commands.Run run = Commands.run("test", SCENARIO, "--coverage-report", file.toString());

        // Then it is refused, and the file is as it was
        assertThat(run.exit()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("coverage: is not a folder");
        assertThat(Files.readString(file)).isEqualTo("not a folder\n");
    }

    @Test
    void aFileMarkedReadOnlyIsNeverReplacedWhoeverRuns(@TempDir Path folder) throws IOException {
        // Given a file whose mode lets nobody write it (root may write it all the same)
        Path target = Files.writeString(folder.resolve("kept.jsonl"), "kept\n");
        Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));

        // When batch is told to write its decisions there
        Commands.Run run = Commands.run("batch", input(folder).toString(), "--out", target.toString());

        // Then it is refused, and the file is as it was
        assertThat(run.exit()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("is read-only; it is not replaced");
        assertThat(Files.readString(target)).isEqualTo("kept\n");
    }

    @Test
    void anErrorRecordIsOneLineWhateverTheInputHeld(@TempDir Path folder) throws IOException {
        // Given a line whose country of residence holds a line break
        Path input = Files.writeString(folder.resolve("broken.jsonl"), "{\"asOf\":\"2025-06-01\",\"user\":"
                + "{\"residence\":\"U\\nS\",\"verification\":\"NONE\"},\"cards\":[],\"transactions\":[]}\n");

        // When batch decides it
        Commands.Run run = Commands.run("batch", input.toString());

        // Then its error record, read as JSON, holds no line break: the break is written U+000A
        String error = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out()).get("error").asText();
        assertThat(error).doesNotContain("\n").contains("U+000A");
    }

    @Test
    void anOutputWrittenAsAFolderIsRefused(@TempDir Path folder) throws IOException {
        // Given an output named with a final slash, a folder that does not exist yet
        String target = folder.resolve("decisions").toString() + "/";

        // When batch is told to write there
        Commands.Run run = Commands.run("batch", input(folder).toString(), "--out", target);

        // Then it is refused, and no file takes the folder's name
        assertThat(run.exit()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("names a folder");
        assertThat(folder.resolve("decisions")).doesNotExist();
    }

    @Test
    void batchRefusesToWriteOverTheFileItsStandardInputReads(@TempDir Path folder) throws Exception {
        // Given a file of profiles given to batch as its standard input
        Path profiles = input(folder);
        String before = Files.readString(profiles);

        // When batch reads - and is told to write its decisions over that file
        Process process = batchInItsOwnJvm(new ProcessBuilder().redirectInput(profiles.toFile())
                .redirectOutput(folder.resolve("printed.txt").toFile()), folder, "-", "--out", profiles.toString());

        // Then it is a usage error, and the profiles are as they were
        assertThat(process.exitValue()).as(Files.readString(folder.resolve("errors.txt"))).isEqualTo(2);
        assertThat(Files.readString(folder.resolve("errors.txt"))).contains("is the input file");
        assertThat(Files.readString(profiles)).isEqualTo(before);
    }

    @Test
    void batchRefusesStandardOutputAppendedToItsInput(@TempDir Path folder) throws Exception {
        // Given a file of profiles, and batch's standard output appended to that same file
        Path profiles = input(folder);
        String before = Files.readString(profiles);

        // When batch reads that file and writes to standard output
        Process process = batchInItsOwnJvm(new ProcessBuilder()
                .redirectOutput(ProcessBuilder.Redirect.appendTo(profiles.toFile())), folder, profiles.toString());

        // Then it is a usage error, and the profiles are as they were: the run never reads its own records back
        assertThat(process.exitValue()).as(Files.readString(folder.resolve("errors.txt"))).isEqualTo(2);
        assertThat(Files.readString(folder.resolve("errors.txt"))).contains("standard output is");
        assertThat(Files.readString(profiles)).isEqualTo(before);
    }

    /**
     * Runs batch with these arguments in a JVM of its own, its standard input and output as the builder redirects
     * them and its standard error to errors.txt in the folder; waits for it to end.
     */
    private static Process batchInItsOwnJvm(ProcessBuilder redirected, Path folder, String... arguments)
            throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "alipaykb.cli.Main", "batch"));
        command.addAll(List.of(arguments));
        Process process = redirected.command(command).redirectError(folder.resolve("errors.txt").toFile()).start();
        assertThat(process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return process;
    }

    @Test
    void noReportOrBatchIsWrittenOverARuleFile(@TempDir Path folder) throws IOException {
        // Given a copy of the rules
        Path rules = Commands.copyOfRules(folder);
        String fees = Files.readString(rules.resolve("fees.drl"));

        // When batch and a test run are told to write over one of its files
        Commands.Run batch = Commands.run("batch", input(folder).toString(), "--rules", rules.toString(), "--out",
                rules.resolve("fees.drl").toString());
        Commands.Run test = Commands.run("test", SCENARIO, "--rules", rules.toString(), "--junit-xml",
                rules.resolve("fees.drl").toString());

        // Then both are usage errors, and the rule file is as it was
        assertThat(batch.exit()).as(batch.all()).isEqualTo(2);
        assertThat(batch.err()).contains("is a rule or scenario file");
        assertThat(test.exit()).as(test.all()).isEqualTo(2);
        assertThat(Files.readString(rules.resolve("fees.drl"))).isEqualTo(fees);
    }

    @Test
    void batchRefusesToWriteItsDecisionsOverItsInput(@TempDir Path folder) throws IOException {
        // Given a file of profiles, and a link to it
        Path profiles = input(folder);
        String before = Files.readString(profiles);
        Path link = Files.createSymbolicLink(folder.resolve("link.jsonl"), profiles);

        // When batch is told to write its decisions over the file it reads, by its name or through the link
        Commands.Run same = Commands.run("batch", profiles.toString(), "--out", profiles.toString());
        Commands.Run throughLink = Commands.run("batch", link.toString(), "--out", profiles.toString());

        // Then both are usage errors, and the profiles are as they were
        assertThat(same.exit()).as(same.all()).isEqualTo(2);
        assertThat(same.err()).contains("is the input file");
        assertThat(throughLink.exit()).as(throughLink.all()).isEqualTo(2);
        assertThat(Files.readString(profiles)).isEqualTo(before);
    }

    @Test
    void aJunitReportIsNeverWrittenOverAScenarioFile(@TempDir Path folder) throws IOException {
        // Given a scenario file
        Path scenario = Files.copy(Path.of(SCENARIO), folder.resolve("scenario.yaml"));
        String before = Files.readString(scenario);

        // When a test run of it is told to write its JUnit report over it
        Commands.Run run = Commands.run("test", scenario.toString(), "--junit-xml", scenario.toString());

        // Then it is refused, and the scenario is as it was
        assertThat(run.exit()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("is a scenario or rule file");
        assertThat(Files.readString(scenario)).isEqualTo(before);
    }

    @Test
    void batchWritesThroughACharacterDeviceWithoutReplacingIt(@TempDir Path folder) throws IOException {
        // Given the null device, whose type the run must not change
        Path device = Path.of("/dev/null");
        Object before = Files.getAttribute(device, "unix:ino");

        // When batch writes its decisions there
        Commands.Run run = Commands.run("batch", input(folder).toString(), "--out", device.toString());

        // Then the run succeeds, and the device is the same device
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(Files.getAttribute(device, "unix:ino")).isEqualTo(before);
        assertThat(Files.isRegularFile(device)).isFalse();
    }

    @Test
    void batchToDevStdoutOrADashWritesToStandardOutput(@TempDir Path folder) throws IOException {
        for (String target : List.of("-", "/dev/stdout")) {
            Commands.Run run = Commands.run("batch", input(folder).toString(), "--out", target);
            assertThat(run.exit()).as(run.all()).isZero();
            assertThat(run.out().lines().filter(line -> line.startsWith("{\"rulesVersion\"")).count()).isEqualTo(2);
        }
    }

    @Test
    void aStaleTemporaryFileOfAKilledRunIsDeletedAndALiveOneIsKept(@TempDir Path folder) throws IOException {
        // Given, beside the output, the temporary file of a run that was killed (no one holds it) and that of a
        // run still writing (it holds its lock)
        Path out = Files.createDirectories(folder.resolve("out"));
        Path stale = Files.writeString(out.resolve(".decisions.jsonl.0123456789abcdef.partial"), "half a record");
        Path live = Files.writeString(out.resolve(".decisions.jsonl.fedcba9876543210.partial"), "being written");
        Path unrelated = Files.writeString(out.resolve(".other.jsonl.0123456789abcdef.partial"), "not ours");
        try (FileChannel channel = FileChannel.open(live, StandardOpenOption.WRITE); FileLock held = channel.lock()) {
            // When a batch run writes the same output
            Commands.Run run = Commands.run("batch", input(folder).toString(), "--out",
                    out.resolve("decisions.jsonl").toString());

            // Then the stale file is gone, the live one and the other output's file are kept
            assertThat(run.exit()).as(run.all()).isZero();
            assertThat(held.isValid()).isTrue();
            assertThat(namesIn(out)).containsExactly(".decisions.jsonl.fedcba9876543210.partial",
                    ".other.jsonl.0123456789abcdef.partial", "decisions.jsonl");
            assertThat(Files.exists(stale)).isFalse();
            assertThat(Files.readString(unrelated)).isEqualTo("not ours");
        }
    }
}
