package alipaykb.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A join that no condition bounds fills the heap in the engine's own code, faster than the time bound stops it. The
 * decision is stopped when the heap is nearly full, and fails alone, naming why: the run goes on, in a JVM with a
 * 256 MB heap as in one with more.
 */
class MemoryFillingJoinTest {
    @TempDir
    static Path folder;
    private static Path rules;

    @BeforeAll
    static void copyTheRulesWithTheJoin() throws IOException {
        rules = frozenRulesWith("rules", "join-of-notes.drl");
    }

    /** A copy of the frozen rules in a folder of that name, with one file of src/test/resources/memory-join. */
    private static Path frozenRulesWith(String name, String hostile) throws IOException {
        Path copy = Files.createDirectories(folder.resolve(name));
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/frozen-rules"))) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        Files.copy(Path.of("src/test/resources/memory-join", hostile), copy.resolve(hostile));
        return copy;
    }

    /** What a command printed, standard output and error together, and its exit code, in a JVM of 256 MB. */
    private record Run(int exit, String printed) {
    }

    private static Run inA256MegabyteHeap(String... arguments) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> line = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "alipaykb.cli.Main"));
        line.addAll(List.of(arguments));
        Path printed = Files.createTempFile(folder, "printed", ".txt");
        Process process = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(printed.toFile()).start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the command did not end: " + String.join(" ", arguments));
        }
        return new Run(process.exitValue(), Files.readString(printed));
    }

    @Test
    void aDecisionThatFillsTheHeapFailsAloneNamingWhy() throws Exception {
        // Given rules with a join of seven unrelated patterns over 110 facts, and one profile
        // When advise decides it in a 256 MB heap
        Run run = inA256MegabyteHeap("advise", "--rules", rules.toString(),
                "test-scenarios/examples/us-traveller-in-shanghai.yaml");

        // Then that decision fails with why, and the run ends as a failed decision does, not as the JVM's memory does
        assertThat(run.exit()).as(run.printed()).isEqualTo(1);
        assertThat(run.printed()).contains("no decision: the decision filled the memory the JVM has (-Xmx) and was stopped")
                .doesNotContain("needs more memory than the JVM has").doesNotContain("OutOfMemoryError")
                .doesNotContain("\tat ");
    }

    @Test
    void batchGivesEveryLineItsRecordWhenSomeDecisionsFillTheHeap() throws Exception {
        // Given rules that keep texts without end for a payment with id boom, and 40 lines, 10 of them such payments
        Path textRules = frozenRulesWith("text-rules", "texts-without-end.drl");
        Path output = folder.resolve("decisions.jsonl");

        // When batch decides them on one thread in a 256 MB heap
        Run run = inA256MegabyteHeap("batch", "src/test/resources/memory-join/profiles-some-boom.jsonl", "--rules",
                textRules.toString(), "--threads", "1", "--out", output.toString());

        // Then each line has its record: the 10 say they filled the memory, the 30 others are decided
        assertThat(run.exit()).as(run.printed()).isEqualTo(1);
        assertThat(run.printed()).contains("40 lines: 30 decided, 10 errors").doesNotContain("OutOfMemoryError")
                .doesNotContain("\tat ");
        List<String> records = Files.readAllLines(output);
        assertThat(records).hasSize(40);
        assertThat(records.stream().filter(record -> record.contains("filled the memory the JVM has"))).hasSize(10);
    }

    @Test
    void findingWhyARuleDidNotFireForAHundredPaymentsIsNotStoppedForMemory() throws Exception {
        // Given the shipped rules and a legal profile of a hundred payments
        // When explain finds, in a 256 MB heap, why a rule did not fire: its probe rules keep every near miss, and
        // allocate far more than a decision does
        Run run = inA256MegabyteHeap("explain", "src/test/resources/memory-join/a-hundred-payments.yaml", "--rule",
                "A transaction beyond the monthly limit is denied");

        // Then it answers, and is not stopped
        assertThat(run.exit()).as(run.printed()).isZero();
        assertThat(run.printed()).contains("Nearest miss").doesNotContain("filled the memory");
    }

    @Test
    void aSuiteGoesOnAfterEachDecisionThatFillsTheHeap() throws Exception {
        // Given the same rules and a folder of three scenarios
        Path suite = Files.createDirectories(folder.resolve("suite"));
        try (Stream<Path> files = Files.list(Path.of("test-scenarios/fees"))) {
            for (Path file : files.sorted().limit(3).toList()) {
                Files.copy(file, suite.resolve(file.getFileName()));
            }
        }

        // When the suite runs in a 256 MB heap
        Run run = inA256MegabyteHeap("test", "--rules", rules.toString(), suite.toString());

        // Then each scenario ends in an error of its own, and the run reports all three
        assertThat(run.exit()).as(run.printed()).isEqualTo(1);
        assertThat(run.printed().lines().filter(printed -> printed.startsWith("ERROR")).count()).as(run.printed())
                .isEqualTo(3);
        assertThat(run.printed()).contains("filled the memory the JVM has").contains("0 passed, 3 failed")
                .doesNotContain("needs more memory than the JVM has").doesNotContain("\tat ");
    }
}
