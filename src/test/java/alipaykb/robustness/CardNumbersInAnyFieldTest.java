package alipaykb.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import alipaykb.testsupport.Commands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The product's one rule for card numbers: nothing it prints or writes holds a run of 12 or more digits, even
 * one broken by up to three spaces, dashes, dots, slashes, underscores, tabs or invisible characters, in any
 * script's digits; such a run is written as its last four. A generator makes card numbers written every such
 * way, and plants each in one place a user can type into (a field, a key, a file name, an argument); every
 * command then runs on it, and all its output and files are searched for the number.
 */
class CardNumbersInAnyFieldTest {
    /** The first digit of each script's zero: ASCII, fullwidth, Arabic-Indic, Devanagari, mathematical bold. */
    private static final int[] ZEROS = {'0', 0xFF10, 0x0660, 0x0966, 0x1D7CE};
    private static final String[] SEPARATORS = {" ", "-", ".", "/", "_", "  ", "\t", "\u200B", " - ", "\u00A0", "\u3000"};

    /** A card-like number: its digits in ASCII, and how it is written. */
    record Number(String digits, String written) {
        static Number random(Random random) {
            int length = 13 + random.nextInt(9);
            StringBuilder digits = new StringBuilder();
            digits.append((char) ('1' + random.nextInt(9)));
            while (digits.length() < length) {
                digits.append((char) ('0' + random.nextInt(10)));
            }
            int zero = ZEROS[random.nextInt(ZEROS.length)];
            String separator = SEPARATORS[random.nextInt(SEPARATORS.length)];
            int group = 3 + random.nextInt(3);
            StringBuilder written = new StringBuilder();
            for (int i = 0; i < digits.length(); i++) {
                if (i > 0 && i % group == 0) {
                    written.append(separator);
                }
                written.appendCodePoint(zero + digits.charAt(i) - '0');
            }
            return new Number(digits.toString(), written.toString());
        }
    }

    /** Where a number is planted. */
    enum Place {
        SCENARIO_NAME, CARD_ID, ISSUER, TRANSACTION_ID, EXPECTED_RULE, UNKNOWN_KEY, FILE_NAME, FOLDER_NAME,
        RULE_ARGUMENT, RULES_FOLDER_ARGUMENT
    }

    private static final String SCENARIO = """
            scenario: "%s"
            asOf: 2025-06-01
            user:
              residence: US
              inMainlandChina: true
              app: MAINLAND
            cards:
              - id: "%s"
                issuerCountry: US
                network: VISA
                type: CREDIT
                issuer: "%s"
            transactions:
              - { id: "%s", kind: QR_PAYMENT, amount: 201, via: "%s" }
            expect:
              fired:
                - "%s"
            %s""";

    private static String yaml(String text) {
        StringBuilder quoted = new StringBuilder();
        text.codePoints().forEach(c -> quoted.append(c == '\t' ? "\\t" : c < 0x20 ? String.format("\\x%02x", c)
                : Character.toString(c)));
        return quoted.toString();
    }

    private static String json(String text) {
        StringBuilder quoted = new StringBuilder();
        text.codePoints().forEach(c -> quoted.append(c < 0x20 ? String.format("\\u%04x", c) : Character.toString(c)));
        return quoted.toString();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Place.class)
    void aCardNumberTypedAnywhereNeverLeavesWhole(Place place, @TempDir Path folder) throws IOException {
        Random random = new Random(place.ordinal() * 7919L + System.nanoTime());
        for (int attempt = 0; attempt < 1; attempt++) {
            Number number = Number.random(random);
            plantAndSearch(place, number, Files.createDirectories(folder.resolve("attempt-" + (char) ('a' + attempt))));
        }
    }

    private static void plantAndSearch(Place place, Number number, Path folder) throws IOException {
        // Given a scenario and a JSON line with the number planted in one place
        // A file or folder name cannot hold a slash: there the number is grouped by underscores instead.
        String n = place == Place.FILE_NAME || place == Place.FOLDER_NAME ? number.written().replace('/', '_')
                : number.written();
        String name = place == Place.SCENARIO_NAME ? "A traveller " + n : "A traveller";
        String cardId = place == Place.CARD_ID ? n : "visa";
        String issuer = place == Place.ISSUER ? "Bank " + n : "Chase";
        String transactionId = place == Place.TRANSACTION_ID ? n : "t1";
        String rule = place == Place.EXPECTED_RULE ? "Rule " + n : "A card issued outside mainland China is foreign";
        String extra = place == Place.UNKNOWN_KEY ? "\"" + yaml(n) + "\": 1\n" : "";
        Path in = Files.createDirectories(folder.resolve(place == Place.FOLDER_NAME ? "in " + n : "in"));
        Path out = Files.createDirectories(folder.resolve("out"));
        Path scenario = Files.writeString(in.resolve((place == Place.FILE_NAME ? n : "scenario") + ".yaml"),
                SCENARIO.formatted(yaml(name), yaml(cardId), yaml(issuer), yaml(transactionId), yaml(cardId), yaml(rule),
                        extra), StandardCharsets.UTF_8);
        String line = "{\"scenario\": \"" + json(name) + "\", \"asOf\": \"2025-06-01\", \"user\": {\"residence\": \"US\", "
                + "\"inMainlandChina\": true, \"app\": \"MAINLAND\"}, \"cards\": [{\"id\": \"" + json(cardId) + "\", "
                + "\"issuerCountry\": \"US\", \"network\": \"VISA\", \"type\": \"CREDIT\", \"issuer\": \"" + json(issuer)
                + "\"}], \"transactions\": [{\"id\": \"" + json(transactionId) + "\", \"kind\": \"QR_PAYMENT\", "
                + "\"amount\": 201, \"via\": \"" + json(cardId) + "\"}]"
                + (place == Place.UNKNOWN_KEY ? ", \"" + json(n) + "\": 1" : "") + "}";
        Path jsonl = Files.writeString(in.resolve((place == Place.FILE_NAME ? n : "profiles") + ".jsonl"), line + "\n",
                StandardCharsets.UTF_8);
        String ruleArgument = place == Place.RULE_ARGUMENT ? n : "A card issued outside mainland China is foreign";
        List<String> rulesOption = place == Place.RULES_FOLDER_ARGUMENT
                ? List.of("--rules", folder.resolve("rules " + n).toString()) : List.of();

        // When every command runs on them
        List<List<String>> commands = List.of(
                List.of("advise", scenario.toString()),
                List.of("advise", "--json", scenario.toString()),
                List.of("explain", scenario.toString()),
                List.of("explain", scenario.toString(), "--rule", ruleArgument),
                List.of("test", scenario.toString(), "--junit-xml", out.resolve("junit.xml").toString(),
                        "--coverage-report", out.resolve("coverage").toString()),
                List.of("batch", jsonl.toString(), "--out", out.resolve("decisions.jsonl").toString(),
                        "--with-fired-rules"),
                List.of("diff", "--against", "rules", scenario.toString()));
        for (List<String> command : commands) {
            List<String> args = new ArrayList<>(command);
            args.addAll(rulesOption);
            Commands.Run run = Commands.run(args.toArray(String[]::new));

            // Then nothing printed holds the number whole, only its last four digits at most
            String where = place + ", " + command.get(0) + " on " + number.written();
            assertThat(run.exit()).as("%s%n%s", where, run.all()).isIn(0, 1, 2);
            assertNoLeak(where + " (printed)", run.all(), number);
        }
        // And neither does any file written
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertNoLeak(place + ", " + file.getFileName(), Files.readString(file, StandardCharsets.UTF_8), number);
            }
        }
    }

    /**
     * Fails when the text holds the number's first eight digits in a row, reading every script's digits as
     * ASCII and skipping all that is not a digit but for the codes control characters are written as.
     */
    private static void assertNoLeak(String where, String text, Number number) {
        String withoutCodes = text.replaceAll("U\\+[0-9A-F]{4,6}", "#");
        StringBuilder digits = new StringBuilder();
        withoutCodes.codePoints().forEach(c -> {
            if (Character.isDigit(c)) {
                digits.append(Character.digit(c, 10));
            } else if (Character.isLetter(c) || c == '#' || c == '\n' || c == '[' || c == ']') {
                digits.append('|');
            }
        });
        assertThat(digits.toString()).as("%s must not show the digits of %s", where, number.digits())
                .doesNotContain(number.digits().substring(0, 8));
    }
}
