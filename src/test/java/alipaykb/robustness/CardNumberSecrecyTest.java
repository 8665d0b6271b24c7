package alipaykb.robustness;

import alipaykb.testsupport.Commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import alipaykb.scenario.InputError;
import alipaykb.scenario.ScenarioReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A card number is a secret: whatever command runs on a profile holding whole card numbers, nothing it
 * prints or writes holds more than a card's last four digits.
 */
class CardNumberSecrecyTest {
    /** The card numbers of the profile, as written in it. */
    private static final String VISA = "4111 1111 1111 1111";
    private static final String MASTERCARD = "5555 5555 5555 4444";
    /** An American Express number, written as a bare YAML number. */
    private static final String AMEX = "378282246310005";

    private static final String SCENARIO = """
            scenario: A US traveller with whole Visa, Mastercard and Amex numbers pays with each
            asOf: 2025-06-01
            user:
              residence: US
              inMainlandChina: true
              app: MAINLAND
            cards:
              - id: visa
                issuerCountry: US
                network: VISA
                type: CREDIT
                issuer: Chase
                number: "%s"
              - id: mastercard
                issuerCountry: US
                network: MASTERCARD
                type: DEBIT
                issuer: Citi
                number: "%s"
              - id: amex
                issuerCountry: US
                network: AMEX
                type: CREDIT
                issuer: American Express
                number: %s
            transactions:
              - { id: t1, kind: QR_PAYMENT, amount: 201, via: visa }
              - { id: t2, kind: QR_PAYMENT, amount: 150, via: mastercard }
              - { id: t3, kind: QR_PAYMENT, amount: 99, via: amex }
            expect:
              verdicts:
                t1: ALLOW
                t2: ALLOW
                t3: ALLOW
            """.formatted(VISA, MASTERCARD, AMEX);

    private static final String PROFILE_LINE = "{\"scenario\": \"A US traveller with whole card numbers\", "
            + "\"asOf\": \"2025-06-01\", \"user\": {\"residence\": \"US\", \"inMainlandChina\": true, \"app\": \"MAINLAND\"}, "
            + "\"cards\": ["
            + "{\"id\": \"visa\", \"issuerCountry\": \"US\", \"network\": \"VISA\", \"type\": \"CREDIT\", \"issuer\": \"Chase\", "
            + "\"number\": \"" + VISA + "\"}, "
            + "{\"id\": \"mastercard\", \"issuerCountry\": \"US\", \"network\": \"MASTERCARD\", \"type\": \"DEBIT\", "
            + "\"issuer\": \"Citi\", \"number\": \"" + MASTERCARD + "\"}, "
            + "{\"id\": \"amex\", \"issuerCountry\": \"US\", \"network\": \"AMEX\", \"type\": \"CREDIT\", "
            + "\"issuer\": \"American Express\", \"number\": " + AMEX + "}], "
            + "\"transactions\": [{\"id\": \"t1\", \"kind\": \"QR_PAYMENT\", \"amount\": 201, \"via\": \"visa\"}, "
            + "{\"id\": \"t2\", \"kind\": \"QR_PAYMENT\", \"amount\": 150, \"via\": \"mastercard\"}, "
            + "{\"id\": \"t3\", \"kind\": \"QR_PAYMENT\", \"amount\": 99, \"via\": \"amex\"}]}";

    /** A command to run on the profile: {in} is the scenario file, {jsonl} the profile as a JSON line, {out} a folder. */
    record Command(String name, List<String> args) {
        @Override
        public String toString() {
            return name;
        }

        String[] resolve(Path in, Path jsonl, Path out) {
            return args.stream().map(arg -> arg.replace("{in}", in.toString()).replace("{jsonl}", jsonl.toString())
                    .replace("{out}", out.toString())).toArray(String[]::new);
        }
    }

    private static Command command(String... args) {
        return new Command(String.join(" ", args).replace("{in}", "FILE").replace("{jsonl}", "IN.jsonl")
                .replace("{out}", "OUT"), List.of(args));
    }

    static Stream<Command> commands() {
        return Stream.of(
                command("advise", "{in}"),
                command("advise", "--json", "{in}"),
                command("test", "{in}", "--junit-xml", "{out}/junit.xml", "--coverage-report", "{out}/coverage"),
                command("explain", "{in}"),
                command("explain", "{in}", "--rule", "A card issued outside mainland China is foreign"),
                command("explain", "{in}", "--rule", "A card issued in mainland China binds directly"),
                command("diff", "--against", "rules", "{in}"),
                command("batch", "{jsonl}", "--out", "{out}/decisions.jsonl"),
                command("batch", "{jsonl}", "--out", "{out}/decisions.jsonl", "--with-fired-rules"),
                command("batch", "{jsonl}", "--out", "{out}/decisions.jsonl", "--summary"),
                command("check"));
    }

    /** Everything that would give a card away: whole, with and without spaces, and its first twelve digits. */
    private static List<String> secretsOf(String written) {
        String digits = written.replaceAll("[ -]", "");
        String firstTwelveAsWritten = written.substring(0, indexAfterDigits(written, 12));
        return List.of(written, digits, digits.substring(0, 12), firstTwelveAsWritten);
    }

    private static int indexAfterDigits(String text, int count) {
        int seen = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i)) && ++seen == count) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(text + " has fewer than " + count + " digits");
    }

    private static void assertKeepsSecret(String where, String text, String... numbers) {
        String squeezed = text.replaceAll("[ \\-\\u00a0]", "");
        for (String number : numbers) {
            for (String secret : secretsOf(number)) {
                assertThat(text).as("%s must not hold %s", where, secret).doesNotContain(secret);
            }
            String firstTwelve = number.replaceAll("[ -]", "").substring(0, 12);
            assertThat(squeezed).as("%s, read without spaces and dashes, must not hold %s", where, firstTwelve)
                    .doesNotContain(firstTwelve);
        }
    }

    /** The text of every file under a folder, by path. */
    private static Map<Path, String> filesUnder(Path folder) throws IOException {
        Map<Path, String> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.put(file, new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void noCommandPrintsOrWritesMoreThanTheLastFourDigits(Command command, @TempDir Path folder) throws IOException {
        // Given a profile with whole card numbers, as a scenario file and as a JSON line
        Path in = Files.createDirectories(folder.resolve("in"));
        Path out = Files.createDirectories(folder.resolve("out"));
        Path scenario = Files.writeString(in.resolve("whole-numbers.yaml"), SCENARIO);
        Path jsonl = Files.writeString(in.resolve("profiles.jsonl"), PROFILE_LINE + "\n");

        // When the command runs on it
        Commands.Run run = Commands.run(command.resolve(scenario, jsonl, out));

        // Then it did its work, and neither what it printed nor any file it wrote holds more than the last four digits
        assertThat(run.exit()).as("%s%n%s", command, run.all()).isIn(0, 1);
        assertKeepsSecret(command + " (printed)", run.all(), VISA, MASTERCARD, AMEX);
        Map<Path, String> written = filesUnder(out);
        if (command.args().contains("--out") || command.args().contains("--junit-xml")) {
            assertThat(written).as("files written by %s", command).isNotEmpty();
        }
        written.forEach((file, text) -> assertKeepsSecret(command + " (" + file + ")", text, VISA, MASTERCARD, AMEX));
    }

    @Test
    void adviceShowsTheLastFourDigitsOfEachCard(@TempDir Path folder) throws IOException {
        // Given a profile with whole card numbers
        Path scenario = Files.writeString(folder.resolve("whole-numbers.yaml"), SCENARIO);

        // When it is advised on
        Commands.Run run = Commands.run("advise", scenario.toString());

        // Then each card shows as its last four digits
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.out()).contains("visa (ending 1111)", "mastercard (ending 4444)", "amex (ending 0005)");
    }

    // --- A number that fails the Luhn check -------------------------------------------------------------

    private static final String LUHN_FAILURE = "4111 1111 1111 1112";

    private static String withLuhnFailure() {
        return SCENARIO.replace(VISA, LUHN_FAILURE);
    }

    @Test
    void aLuhnFailureShowsOnlyTheLastFourDigitsWhenRead(@TempDir Path folder) throws IOException {
        // Given a scenario whose Visa number fails the Luhn check
        Path scenario = Files.writeString(folder.resolve("luhn-failure.yaml"), withLuhnFailure());

        // When it is read
        InputError error = catchThrowableOfType(InputError.class, () -> new ScenarioReader().read(scenario));

        // Then the error names the card by its last four digits only
        assertThat(error).isNotNull();
        assertThat(error.getMessage()).contains("cards[0].number ending 1112 fails the Luhn check");
        assertKeepsSecret("the error", error.getMessage(), LUHN_FAILURE, MASTERCARD, AMEX);
    }

    @Test
    void aLuhnFailureShowsOnlyTheLastFourDigitsInEveryCommand(@TempDir Path folder) throws IOException {
        // Given a scenario and a JSON line whose Visa number fails the Luhn check
        Path scenario = Files.writeString(folder.resolve("luhn-failure.yaml"), withLuhnFailure());
        Path jsonl = Files.writeString(folder.resolve("profiles.jsonl"), PROFILE_LINE.replace(VISA, LUHN_FAILURE) + "\n");
        Path out = Files.createDirectories(folder.resolve("out"));

        // When advise, test, explain and batch run on them
        List<Commands.Run> runs = new ArrayList<>();
        runs.add(Commands.run("advise", scenario.toString()));
        runs.add(Commands.run("test", scenario.toString(), "--junit-xml", out.resolve("junit.xml").toString()));
        runs.add(Commands.run("explain", scenario.toString()));
        runs.add(Commands.run("batch", jsonl.toString(), "--out", out.resolve("decisions.jsonl").toString()));

        // Then each says which card fails by its last four digits, and holds no more of the number
        for (Commands.Run run : runs) {
            assertThat(run.exit()).as(run.all()).isEqualTo(1);
            assertKeepsSecret("the output", run.all(), LUHN_FAILURE, MASTERCARD, AMEX);
        }
        assertThat(runs.get(0).err()).contains("ending 1112 fails the Luhn check");
        assertThat(runs.get(1).out()).contains("ending 1112 fails the Luhn check");
        String written = Files.readString(out.resolve("decisions.jsonl"));
        assertThat(written).contains("ending 1112 fails the Luhn check");
        assertKeepsSecret("decisions.jsonl", written, LUHN_FAILURE);
        assertKeepsSecret("junit.xml", Files.readString(out.resolve("junit.xml")), LUHN_FAILURE);
    }

    @Test
    void aLineThatIsNotJsonIsNotEchoedIntoItsErrorRecord(@TempDir Path folder) throws IOException {
        // Given a JSON line whose card number was written as a bare word, so the line is not valid JSON
        Path jsonl = Files.writeString(folder.resolve("profiles.jsonl"),
                PROFILE_LINE.replace("\"" + VISA + "\"", "x" + VISA.replace(" ", "")) + "\n");
        Path out = folder.resolve("decisions.jsonl");

        // When it is decided in a batch
        Commands.Run run = Commands.run("batch", jsonl.toString(), "--out", out.toString());

        // Then the line gets an error record, which does not hold the number
        assertThat(run.exit()).isEqualTo(1);
        String written = Files.readString(out);
        assertThat(written).contains("\"line\":1").contains("not valid JSON");
        assertKeepsSecret("the error record", written, VISA);
        assertKeepsSecret("the output", run.all(), VISA);
    }
}
