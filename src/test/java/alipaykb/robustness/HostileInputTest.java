package alipaykb.robustness;

import alipaykb.testsupport.Commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import alipaykb.scenario.InputError;
import alipaykb.scenario.ScenarioReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scenario files and batch lines written to hurt: each gets a clear error naming the file (or line) and
 * what is wrong, in bounded time, without a stack trace, and the rest of the run goes on.
 */
class HostileInputTest {
    private static final Path FIXTURES = Path.of("src/test/resources/hostile");
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final int MEGABYTE = 1024 * 1024;
    /** An error message is a sentence, not an echo of the input: no hostile value comes back whole. */
    private static final int LONGEST_MESSAGE = 2_000;

    /** Makes the hostile file in a folder (or names a committed fixture). */
    @FunctionalInterface
    interface Maker {
        Path make(Path folder) throws IOException;
    }

    /** One hostile scenario file and the words its error must hold. */
    record Hostile(String name, Maker maker, String problem) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Hostile> hostileFiles() {
        return Stream.of(
                fixture("alias-bomb.yaml", "too many aliases"),
                new Hostile("a 50 MB file", HostileInputTest::fiftyMegabytes, "the file is 50 MB; a scenario file may be at most"),
                new Hostile("nesting 10,000 levels deep", HostileInputTest::deeplyNested, "nested too deeply"),
                new Hostile("4.6 MB of one-character values", HostileInputTest::millionsOfValues,
                        "too many values (at most 100000"),
                new Hostile("a 1 MB card id", HostileInputTest::megabyteCardId,
                        "cards[0].id is " + MEGABYTE + " characters long; at most 64"),
                fixture("amount-40-digits.yaml", "transactions[0].amount has more digits than a number here may have"),
                fixture("amount-3-decimals.yaml", "transactions[0].amount has more than two decimal places"),
                fixture("amount-tiny-exponent.yaml", "transactions[0].amount is written with an exponent"),
                fixture("expect-fired-forged-lines.yaml",
                        "expect.fired[0] holds the invisible or control character U+000A at position 2"),
                fixture("amount-huge-exponent.yaml", "transactions[0].amount is written with an exponent"),
                fixture("fx-rate-null.yaml", "fx.USD is empty: give it a value, or leave the field out"),
                fixture("amount-nan.yaml", "transactions[0].amount: expected a number, found the text '.nan'"),
                fixture("amount-inf.yaml", "transactions[0].amount: expected a number, found the text '.inf'"),
                fixture("amount-minus-inf.yaml", "transactions[0].amount: expected a number, found the text '-.inf'"),
                fixture("card-id-bell.yaml", "cards[0].id holds the invisible or control character U+0007"),
                fixture("card-id-raw-bell.yaml", "holds the character U+0007, which YAML does not allow"),
                fixture("card-id-rtl-override.yaml", "cards[0].id holds the invisible or control character U+202E"),
                fixture("card-id-zero-width-space.yaml", "cards[0].id holds the invisible or control character U+200B"),
                fixture("transaction-id-bell.yaml", "transactions[0].id holds the invisible or control character U+0007"),
                fixture("transaction-id-rtl-override.yaml",
                        "transactions[0].id holds the invisible or control character U+202E"),
                fixture("transaction-id-zero-width-space.yaml",
                        "transactions[0].id holds the invisible or control character U+200B"));
    }

    private static Hostile fixture(String name, String problem) {
        return new Hostile(name, folder -> FIXTURES.resolve(name), problem);
    }

    // --- Scenario files ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFiles")
    void theReaderRefusesAHostileFileWithTheProblem(Hostile hostile, @TempDir Path folder) throws IOException {
        // Given a hostile scenario file
        Path file = hostile.maker().make(folder);

        // When it is read
        InputError error = assertTimeoutPreemptively(BOUND,
                () -> catchThrowableOfType(InputError.class, () -> new ScenarioReader().read(file)));

        // Then it is an input error naming the file and the problem, in a message of reasonable length
        assertThat(error).as("reading %s", hostile).isNotNull();
        assertThat(error.file()).isEqualTo(file);
        assertThat(error.getMessage()).startsWith(file.toString()).contains(hostile.problem());
        assertThat(error.getMessage()).hasSizeLessThan(LONGEST_MESSAGE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFiles")
    void theTestCommandReportsAHostileFileAsAnErrorLine(Hostile hostile, @TempDir Path folder) throws IOException {
        // Given a hostile scenario file
        Path file = hostile.maker().make(folder);

        // When the test command runs it
        Commands.Run run = assertTimeoutPreemptively(BOUND, () -> Commands.run("test", file.toString()));

        // Then it fails with an ERROR line naming the file and the problem, and no stack trace
        assertThat(run.exit()).as(run.all()).isEqualTo(1);
        assertThat(run.out().lines()).anySatisfy(line -> assertThat(line)
                .startsWith("ERROR " + file).contains(hostile.problem()));
        assertThat(run.out().lines().toList()).last().isEqualTo("0 passed, 1 failed");
        assertThat(run.all()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.all()).hasSizeLessThan(50_000);
    }

    @Test
    void aHostileFileAmongGoodOnesFailsAloneAndTheOthersStillPass(@TempDir Path folder) throws IOException {
        // Given an alias bomb and a 50 MB file between two good scenarios
        Path suite = Files.createDirectories(folder.resolve("suite"));
        Files.copy(Path.of("test-scenarios/fees/foreign-card-service-fee-above-200.yaml"), suite.resolve("a-good.yaml"));
        Files.copy(FIXTURES.resolve("alias-bomb.yaml"), suite.resolve("b-bomb.yaml"));
        Files.move(fiftyMegabytes(folder), suite.resolve("c-big.yaml"));
        Files.copy(Path.of("test-scenarios/fees/balance-payment-has-no-fee.yaml"), suite.resolve("d-good.yaml"));

        // When the folder is run
        Commands.Run run = assertTimeoutPreemptively(BOUND, () -> Commands.run("test", suite.toString()));

        // Then both good ones pass and both hostile ones are errors
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("PASS  " + suite.resolve("a-good.yaml"), "PASS  " + suite.resolve("d-good.yaml"),
                "ERROR " + suite.resolve("b-bomb.yaml"), "ERROR " + suite.resolve("c-big.yaml"),
                "2 files could not be read or decided on");
        assertThat(run.out().lines().toList()).last().isEqualTo("2 passed, 2 failed");
        assertThat(run.all()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    // --- The same through batch -----------------------------------------------------------------------

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The bad lines of the batch input, by line number, with the words each error record must hold. */
    private static final Map<Integer, String> BAD_LINES = new LinkedHashMap<>();
    /** The good lines, by line number, with the amount each one pays (so their order shows). */
    private static final Map<Integer, Integer> GOOD_LINES = new LinkedHashMap<>();

    @TempDir
    static Path batchFolder;
    private static Commands.Run batchRun;
    private static List<String> batchOutput;

    @BeforeAll
    static void runABatchOfGoodAndHostileLines() throws IOException {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put(profile("\"visa\"", "\"t1\"", "1234567890123456789012345678901234567890"),
                "transactions[0].amount has more digits than a number here may have");
        bad.put(profile("\"visa\"", "\"t1\"", "1234567890123456"), "transactions[0].amount has more digits than a number here may have");
        bad.put(profile("\"visa\"", "\"t1\"", "1e-999999999"), "transactions[0].amount is written with an exponent");
        bad.put(profile("\"visa\"", "\"t1\"", "2.01E2"), "transactions[0].amount is written with an exponent");
        bad.put(profile("\"visa\"", "\"t1\"", "201") + " " + profile("\"visa\"", "\"t1\"", "202"),
                "not valid JSON: more follows the profile's JSON object");
        bad.put(profile("\"visa\"", "\"t1\"", "201") + " and some words", "not valid JSON");
        bad.put(profile("\"visa\"", "\"t1\"", "201") + "}", "not valid JSON");
        bad.put("", "the line is empty");
        bad.put("   \t ", "the line is empty");
        bad.put("[]", "expected a mapping of fields");
        bad.put("null", "expected a mapping of fields (scenario:, user:, cards: ...), found nothing");
        bad.put(profile("\"visa\"", "\"t1\"", "201").replace("{\"asOf\"", "{\"fx\": {\"USD\": null}, \"asOf\""),
                "fx.USD is empty");
        bad.put("{\"asOf\": \"2025-06-01\", \"user\": null}", "user");
        bad.put("{\"asOf\": \"2025-02-30\"}", "asOf");
        bad.put(profile("\"visa\"", "\"t1\"", "201").replace("\"inMainlandChina\": true", "\"app\": null"),
                "user.app is empty: give it a value, or leave the field out");
        bad.put(profile("\"visa\"", "\"t1\"", "201").replace("\"network\": \"VISA\"", "\"issuer\": \"\""),
                "cards[0].issuer is empty");
        bad.put(profile("\"visa\"", "\"t1\"", "201").replace("\"transactions\": [", "\"usage\": {\"thisYear\": null}, "
                + "\"transactions\": ["), "usage.thisYear is empty");
        bad.put(profile("\"visa\"", "\"t1\"", "1" + "0".repeat(50) + "1"), "transactions[0].amount has more digits");
        bad.put(profile("\"visa\"", "\"t1\"", "201").replace("\"asOf\"", "\"fx\": {\"USD\": 7.1234567}, \"asOf\""),
                "fx.USD must be a rate of at most 4 digits before the decimal point and 6 after it");
        bad.put(profile("\"visa\"", "\"t1\"", "10.125"), "transactions[0].amount has more than two decimal places");
        bad.put(profile("\"visa\"", "\"t1\"", "NaN"), "not valid JSON");
        bad.put(profile("\"visa\"", "\"t1\"", "Infinity"), "not valid JSON");
        bad.put(profile("\"visa\"", "\"t1\"", "-Infinity"), "not valid JSON");
        bad.put(profile("\"visa\"", "\"t1\"", "\".nan\""), "transactions[0].amount: expected a number");
        bad.put(profile("\"vi\\u0007sa\"", "\"t1\"", "201"), "cards[0].id holds the invisible or control character U+0007");
        bad.put(profile("\"vi\u202esa\"", "\"t1\"", "201"), "cards[0].id holds the invisible or control character U+202E");
        bad.put(profile("\"vi\u200bsa\"", "\"t1\"", "201"), "cards[0].id holds the invisible or control character U+200B");
        bad.put(profile("\"visa\"", "\"t\\u00071\"", "201"),
                "transactions[0].id holds the invisible or control character U+0007");
        bad.put(profile("\"visa\"", "\"t\u202e1\"", "201"),
                "transactions[0].id holds the invisible or control character U+202E");
        bad.put(profile("\"visa\"", "\"t\u200b1\"", "201"),
                "transactions[0].id holds the invisible or control character U+200B");
        bad.put(profile("\"" + "x".repeat(60_000) + "\"", "\"t1\"", "201"), "cards[0].id is 60000 characters long; at most 64");
        bad.put(profile("\"" + "x".repeat(MEGABYTE) + "\"", "\"t1\"", "201"), "the line is longer than 1024 KB");
        bad.put("{\"user\": {\"residence\": \"US\", \"documents\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}}",
                "not valid JSON");
        bad.put("{\"user\": {\"residence\": \"US\", \"issuer\": \"" + "y".repeat(50 * MEGABYTE) + "\"}}",
                "the line is longer than 1024 KB");

        Path input = batchFolder.resolve("profiles.jsonl");
        int line = 0;
        int amount = 101;
        try (Writer out = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, String> entry : bad.entrySet()) {
                out.write(profile("\"visa\"", "\"t1\"", String.valueOf(amount)) + "\n");
                GOOD_LINES.put(++line, amount++);
                out.write(entry.getKey() + "\n");
                BAD_LINES.put(++line, entry.getValue());
            }
            out.write(profile("\"visa\"", "\"t1\"", String.valueOf(amount)) + "\n");
            GOOD_LINES.put(++line, amount);
        }
        Path output = batchFolder.resolve("decisions.jsonl");
        batchRun = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> Commands.run("batch", input.toString(), "--out", output.toString()));
        batchOutput = Files.readAllLines(output, StandardCharsets.UTF_8);
    }

    private static String profile(String cardId, String transactionId, String amount) {
        return "{\"asOf\": \"2025-06-01\", \"user\": {\"residence\": \"US\", \"inMainlandChina\": true}, "
                + "\"cards\": [{\"id\": " + cardId + ", \"issuerCountry\": \"US\", \"network\": \"VISA\", \"type\": \"CREDIT\"}], "
                + "\"transactions\": [{\"id\": " + transactionId + ", \"kind\": \"QR_PAYMENT\", \"amount\": " + amount
                + ", \"via\": " + cardId + "}]}";
    }

    @Test
    void batchGivesEachBadLineAnErrorRecordWithItsLineNumber() throws IOException {
        // Given the batch run of good lines between hostile ones (see runABatchOfGoodAndHostileLines)
        // Then each hostile line has an error record with its number and its problem, in its place
        assertThat(batchOutput).hasSize(BAD_LINES.size() + GOOD_LINES.size());
        for (Map.Entry<Integer, String> bad : BAD_LINES.entrySet()) {
            JsonNode record = JSON.readTree(batchOutput.get(bad.getKey() - 1));
            assertThat(record.path("line").asInt()).as("record of line %d", bad.getKey()).isEqualTo(bad.getKey());
            assertThat(record.path("error").asText()).as("record of line %d", bad.getKey()).contains(bad.getValue())
                    .hasSizeLessThan(LONGEST_MESSAGE);
        }
    }

    @Test
    void batchDecidesTheGoodLinesInInputOrder() throws IOException {
        // Given the batch run of good lines between hostile ones
        // Then each good line has its decision, in its place
        for (Map.Entry<Integer, Integer> good : GOOD_LINES.entrySet()) {
            JsonNode decision = JSON.readTree(batchOutput.get(good.getKey() - 1));
            assertThat(decision.has("error")).as("line %d: %s", good.getKey(), decision).isFalse();
            assertThat(decision.path("rulesVersion").asText()).hasSize(12);
            assertThat(decision.path("transactions").get(0).path("amount").decimalValue())
                    .as("amount decided on line %d", good.getKey()).isEqualByComparingTo(String.valueOf(good.getValue()));
            assertThat(decision.path("transactions").get(0).path("outcome").asText()).isIn("ALLOW", "DENY");
        }
    }

    @Test
    void batchCountsTheErrorsAndFails() {
        // Given the batch run of good lines between hostile ones
        // Then it exits with 1 and its summary counts the lines, the decisions and the errors, without a stack trace
        assertThat(batchRun.exit()).as(batchRun.err()).isEqualTo(1);
        assertThat(batchRun.err()).contains(String.format("%d lines: %d decided, %d errors",
                BAD_LINES.size() + GOOD_LINES.size(), GOOD_LINES.size(), BAD_LINES.size()));
        assertThat(batchRun.all()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(batchRun.all()).hasSizeLessThan(50_000);
    }

    // --- Generated files --------------------------------------------------------------------------------

    private static final String HEADER = """
            scenario: A hostile file
            asOf: 2025-06-01
            user:
              residence: US
              inMainlandChina: true
            """;

    /** A scenario of a little over 50 MB: a good header and a million transactions. */
    static Path fiftyMegabytes(Path folder) throws IOException {
        Path file = folder.resolve("fifty-megabytes.yaml");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write("transactions:\n");
            long size = HEADER.length() + 14;
            for (int i = 1; size < 50L * MEGABYTE; i++) {
                String line = "  - { id: t" + i + ", kind: QR_PAYMENT, amount: 1, via: balance }\n";
                out.write(line);
                size += line.length();
            }
        }
        assertThat(Files.size(file)).isBetween(50L * MEGABYTE, 51L * MEGABYTE - 1);
        return file;
    }

    /** A file under the size limit that holds 2.3 million values, each one character: its tree would not fit. */
    private static Path millionsOfValues(Path folder) throws IOException {
        Path file = folder.resolve("millions-of-values.yaml");
        StringBuilder text = new StringBuilder("scenario: many values\nasOf: 2025-01-15\nuser: {residence: DE}\ncards: [1");
        text.append(",1".repeat(2_300_000)).append("]\n");
        Files.writeString(file, text);
        assertThat(Files.size(file)).isLessThan(ScenarioReader.MAX_FILE_BYTES);
        return file;
    }

    @Test
    void aFileOfMillionsOfValuesIsRefusedInsideA256MegabyteHeap(@TempDir Path folder) throws Exception {
        // Given a profile under the size limit that holds millions of one-character values
        Path profile = millionsOfValues(folder);
        String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        // When advise reads it in a JVM with a 256 MB heap
        Process process = new ProcessBuilder(javaCommand, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "alipaykb.cli.Main", "advise", profile.toString(), "--rules", "rules").redirectErrorStream(true)
                .redirectOutput(folder.resolve("printed.txt").toFile()).start();
        assertThat(process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        String printed = Files.readString(folder.resolve("printed.txt"));

        // Then it is refused for what it holds, at its line, before its tree takes the memory
        assertThat(process.exitValue()).as(printed).isEqualTo(1);
        assertThat(printed).contains("millions-of-values.yaml:4: too many values (at most 100000")
                .doesNotContain("more memory").doesNotContain("Exception");
    }

    @Test
    void theHostileLinesAndFilesRunInsideA256MegabyteHeap() throws Exception {
        // Given the batch input of good and hostile lines, and the folder of hostile scenario files
        Path input = batchFolder.resolve("profiles.jsonl");
        String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        for (List<String> command : List.of(
                List.of("batch", input.toString(), "--out", batchFolder.resolve("small-heap.jsonl").toString()),
                List.of("test", "src/test/resources/hostile"))) {
            // When each runs in its own JVM with a 256 MB heap
            List<String> line = new ArrayList<>(List.of(javaCommand, "-Xmx256m", "-cp", classPath, "alipaykb.cli.Main"));
            line.addAll(command);
            line.addAll(List.of("--rules", "rules"));
            Process process = new ProcessBuilder(line).redirectErrorStream(true)
                    .redirectOutput(batchFolder.resolve("small-heap.txt").toFile()).start();
            assertThat(process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).as("%s ended", command).isTrue();
            String printed = Files.readString(batchFolder.resolve("small-heap.txt"));

            // Then it ends normally, saying that some input failed, with no error of the JVM
            assertThat(process.exitValue()).as("%s%n%s", command, printed).isEqualTo(1);
            assertThat(printed).doesNotContain("OutOfMemoryError").doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(Files.readAllLines(batchFolder.resolve("small-heap.jsonl"))).hasSize(BAD_LINES.size() + GOOD_LINES.size());
    }

    @Test
    void aFileNameWithLineBreaksCannotForgeALineOfTheReport(@TempDir Path folder) throws IOException {
        // Given a scenario whose file name holds line breaks and a forged summary
        Path file = folder.resolve("a\nPASS  forged.yaml  ok\n9 passed, 0 failed\nb.yaml");
        Files.copy(Path.of("test-scenarios/fees/balance-payment-has-no-fee.yaml"), file);

        // When the suite in its folder runs, and when the name is given where no file is
        Commands.Run run = Commands.run("test", folder.toString());
        Commands.Run missing = Commands.run("advise", folder.resolve("x\nPASS  y").toString());

        // Then the name stays on its own line, its breaks written as codes
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.out().lines()).noneMatch(line -> line.startsWith("PASS  forged") || line.startsWith("9 passed"));
        assertThat(run.out()).contains("aU+000APASS  forged.yaml  okU+000A9 passed, 0 failedU+000Ab.yaml");
        assertThat(missing.err().lines()).noneMatch(line -> line.startsWith("PASS"));
        assertThat(missing.err()).contains("xU+000APASS  y");
    }

    /** Lists nested 10,000 deep where the user's documents go. */
    static Path deeplyNested(Path folder) throws IOException {
        Path file = folder.resolve("deeply-nested.yaml");
        Files.writeString(file, HEADER + "  documents: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n");
        return file;
    }

    /** A card whose id is 1 MB of letters. */
    static Path megabyteCardId(Path folder) throws IOException {
        Path file = folder.resolve("megabyte-card-id.yaml");
        String id = "x".repeat(MEGABYTE);
        List<String> lines = new ArrayList<>(HEADER.lines().toList());
        lines.addAll(List.of("cards:", "  - id: " + id, "    issuerCountry: US", "transactions:",
                "  - { id: t1, kind: QR_PAYMENT, amount: 201, via: balance }"));
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }
}
