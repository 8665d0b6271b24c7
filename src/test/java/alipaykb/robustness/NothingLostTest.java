package alipaykb.robustness;

import alipaykb.testsupport.Commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file the tool writes goes to a temporary name and is renamed into place: a run that is killed,
 * or that cannot write, leaves the old file as it was, and a run that completes replaces it whole.
 */
class NothingLostTest {
    private static final String PROFILE_LINE = "{\"asOf\": \"2025-06-01\", \"user\": {\"residence\": \"US\", "
            + "\"inMainlandChina\": true, \"app\": \"MAINLAND\"}, \"cards\": [{\"id\": \"visa\", \"issuerCountry\": \"US\", "
            + "\"network\": \"VISA\", \"type\": \"CREDIT\", \"issuer\": \"Chase\"}], \"transactions\": "
            + "[{\"id\": \"t1\", \"kind\": \"QR_PAYMENT\", \"amount\": 201, \"via\": \"visa\"}]}";
    private static final String OLD = "an old decision that must not be lost\n".repeat(2_000);
    private static final Pattern RATE = Pattern.compile("\\(([0-9,]+) lines/s\\)");

    private static Path lines(Path file, long count) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long i = 0; i < count; i++) {
                out.write(PROFILE_LINE);
                out.write('\n');
            }
        }
        return file;
    }

    /** The names in a folder other than the ones given. */
    private static List<String> othersIn(Path folder, String... known) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> !List.of(known).contains(name))
                    .sorted().toList();
        }
    }

    /** What a reader that opened the file before sees after: the old text whole, when the file was replaced. */
    private static String readRest(InputStream opened) throws IOException {
        try (opened) {
            return new String(opened.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // --- batch --out ------------------------------------------------------------------------------------

    @Test
    void aBatchKilledMidRunLeavesTheOldOutputAsItWas(@TempDir Path folder) throws Exception {
        // Given the rate of batch here, and an input long enough to take well over a minute at that rate
        Path in = Files.createDirectories(folder.resolve("in"));
        Path out = Files.createDirectories(folder.resolve("out"));
        Path logs = Files.createDirectories(folder.resolve("logs"));
        Commands.Run sample = Commands.run("batch", lines(in.resolve("sample.jsonl"), 2_000).toString(),
                "--out", logs.resolve("sample.jsonl").toString());
        Matcher rate = RATE.matcher(sample.err());
        assertThat(rate.find()).as(sample.err()).isTrue();
        long perSecond = Long.parseLong(rate.group(1).replace(",", ""));
        long count = Math.max(200_000, perSecond * 90);
        Path input = lines(in.resolve("profiles.jsonl"), count);
        // and an output file that holds old decisions
        Path output = Files.writeString(out.resolve("decisions.jsonl"), OLD);

        // When batch runs in its own process and is killed once it is writing
        Process batch = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "alipaykb.cli.Main",
                "batch", input.toString(), "--out", output.toString(), "--rules", Path.of("rules").toAbsolutePath().toString())
                .redirectOutput(logs.resolve("stdout.txt").toFile())
                .redirectError(logs.resolve("stderr.txt").toFile())
                .start();
        try {
            assertThat(awaitWriting(out, output, batch, Duration.ofSeconds(90)))
                    .as("batch began writing; its stderr: %s", Files.readString(logs.resolve("stderr.txt"))).isTrue();
            assertThat(batch.isAlive()).as("batch of %,d lines at about %,d lines/s is still running when it is killed",
                    count, perSecond).isTrue();
        } finally {
            batch.destroyForcibly();
            assertThat(batch.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }

        // Then the output file still holds exactly the old decisions, and nothing else in its folder looks complete
        assertThat(Files.readString(output)).isEqualTo(OLD);
        assertThat(othersIn(out, "decisions.jsonl")).allSatisfy(name ->
                assertThat(name).startsWith(".").endsWith(".partial"));

        // And the next run to the same output deletes what the killed run left behind
        Commands.Run next = Commands.run("batch", lines(in.resolve("three.jsonl"), 3).toString(),
                "--out", output.toString());
        assertThat(next.exit()).as(next.all()).isZero();
        assertThat(Files.readAllLines(output)).hasSize(3);
        assertThat(othersIn(out, "decisions.jsonl")).isEmpty();
    }

    /** Waits for batch to have written something: into a file beside the output, or into the output itself. */
    private static boolean awaitWriting(Path folder, Path output, Process batch, Duration limit)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        long oldSize = Files.size(output);
        while (System.nanoTime() < deadline && batch.isAlive()) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    try {
                        if (file.equals(output) ? Files.size(file) != oldSize : Files.size(file) > 0) {
                            return true;
                        }
                    } catch (IOException e) {
                        // renamed or deleted meanwhile: look again
                    }
                }
            }
            Thread.sleep(20);
        }
        return false;
    }

    @Test
    void aCompletedBatchReplacesTheOldOutputWhole(@TempDir Path folder) throws IOException {
        // Given an output file holding many old decisions, open in a reader
        Path input = lines(folder.resolve("profiles.jsonl"), 3);
        Path out = Files.createDirectories(folder.resolve("out"));
        Path output = Files.writeString(out.resolve("decisions.jsonl"), OLD);
        InputStream reader = Files.newInputStream(output);

        // When a batch of three lines completes
        Commands.Run run = Commands.run("batch", input.toString(), "--out", output.toString());

        // Then the file holds the three decisions and nothing of the old text
        assertThat(run.exit()).as(run.all()).isZero();
        List<String> written = Files.readAllLines(output);
        assertThat(written).hasSize(3).allSatisfy(line -> assertThat(line).startsWith("{\"rulesVersion\":"));
        assertThat(Files.readString(output)).doesNotContain("old decision");
        // and was swapped in as a new file: the reader opened before still reads the old text whole
        assertThat(readRest(reader)).isEqualTo(OLD);
        assertThat(othersIn(out, "decisions.jsonl")).isEmpty();
    }

    @Test
    void aBatchThatCannotWriteItsOutputLeavesTheTargetUntouched(@TempDir Path folder) throws IOException {
        // Given an output path that is a folder holding a file
        Path input = lines(folder.resolve("profiles.jsonl"), 3);
        Path out = Files.createDirectories(folder.resolve("out"));
        Path target = Files.createDirectories(out.resolve("decisions.jsonl"));
        Files.writeString(target.resolve("kept.txt"), OLD);

        // When batch is told to write there
        Commands.Run run = Commands.run("batch", input.toString(), "--out", target.toString());

        // Then it says so and fails, the folder and its file are as they were, and no temporary file is left
        assertThat(run.exit()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("error: ");
        assertThat(run.all()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(Files.readString(target.resolve("kept.txt"))).isEqualTo(OLD);
        assertThat(othersIn(target, "kept.txt")).isEmpty();
        assertThat(othersIn(out, "decisions.jsonl")).isEmpty();
    }

    // --- test --coverage-report and --junit-xml ---------------------------------------------------------

    private static final String SCENARIO = "test-scenarios/fees/foreign-card-service-fee-above-200.yaml";

    @Test
    void aCompletedTestRunReplacesTheOldReportsWhole(@TempDir Path folder) throws IOException {
        // Given old reports, each open in a reader
        Path coverage = Files.createDirectories(folder.resolve("coverage"));
        Path html = Files.writeString(coverage.resolve("coverage.html"), OLD);
        Path json = Files.writeString(coverage.resolve("coverage.json"), OLD);
        Path junit = Files.writeString(folder.resolve("junit.xml"), OLD);
        InputStream htmlReader = Files.newInputStream(html);
        InputStream jsonReader = Files.newInputStream(json);
        InputStream junitReader = Files.newInputStream(junit);

        // When a test run completes
        Commands.Run run = Commands.run("test", SCENARIO, "--coverage-report", coverage.toString(),
                "--junit-xml", junit.toString());

        // Then each report is the new one, whole, with nothing of the old text
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").doesNotContain("old decision");
        assertThat(Files.readString(json)).startsWith("{").doesNotContain("old decision");
        assertThat(Files.readString(junit)).startsWith("<?xml").contains("</testsuite>").doesNotContain("old decision");
        // and was swapped in as a new file: readers opened before still read the old text whole
        assertThat(readRest(htmlReader)).isEqualTo(OLD);
        assertThat(readRest(jsonReader)).isEqualTo(OLD);
        assertThat(readRest(junitReader)).isEqualTo(OLD);
        assertThat(othersIn(coverage, "coverage.html", "coverage.json")).isEmpty();
        assertThat(othersIn(folder, "coverage", "junit.xml")).isEmpty();
    }

    @Test
    void aCoverageReportFolderHoldingAFolderForItsReportIsRefusedBeforeTheRun(@TempDir Path folder) throws IOException {
        // Given a coverage folder whose coverage.html is a folder, and whose coverage.json is an old report
        Path coverage = Files.createDirectories(folder.resolve("coverage"));
        Path html = Files.createDirectories(coverage.resolve("coverage.html"));
        Files.writeString(html.resolve("kept.txt"), OLD);
        Path json = Files.writeString(coverage.resolve("coverage.json"), OLD);

        // When a test run is told to write its coverage report there
        Commands.Run run = Commands.run("test", SCENARIO, "--coverage-report", coverage.toString());

        // Then it is a usage error naming the folder, found before any scenario ran, and nothing is touched
        assertThat(run.exit()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("coverage.html: is a folder");
        assertThat(run.out()).doesNotContain("passed");
        assertThat(run.all()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(Files.readString(json)).isEqualTo(OLD);
        assertThat(Files.readString(html.resolve("kept.txt"))).isEqualTo(OLD);
        assertThat(othersIn(html, "kept.txt")).isEmpty();
        assertThat(othersIn(coverage, "coverage.html", "coverage.json")).isEmpty();
    }

    @Test
    void aJUnitReportNamingAFolderIsRefusedBeforeTheRun(@TempDir Path folder) throws IOException {
        // Given a JUnit report path that is a folder holding an old report
        Path junit = Files.createDirectories(folder.resolve("junit.xml"));
        Files.writeString(junit.resolve("old-report.xml"), OLD);

        // When a test run is told to write its JUnit report there
        Commands.Run run = Commands.run("test", SCENARIO, "--junit-xml", junit.toString());

        // Then it is a usage error, and the folder and the old report are untouched
        assertThat(run.exit()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("junit.xml: is a folder");
        assertThat(run.out()).doesNotContain("passed");
        assertThat(run.all()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(Files.readString(junit.resolve("old-report.xml"))).isEqualTo(OLD);
        assertThat(othersIn(junit, "old-report.xml")).isEmpty();
        assertThat(othersIn(folder, "junit.xml")).isEmpty();
    }
}
