package alipaykb.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import alipaykb.engine.KnowledgeBase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every kind of bad input file gets an error naming the file, the line and what is wrong. */
class BadInputTest {
    private static final Path FOLDER = Path.of("src/test/resources/bad-input");

    @ParameterizedTest(name = "{0} → line {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "malformed-yaml.yaml         | 4  | not valid YAML",
        "unknown-field.yaml          | 6  | unknown field 'nickname' in user",
        "unknown-code.yaml           | 9  | unknown code 'VISAA'",
        "missing-residence.yaml      | 3  | user.residence is required",
        "missing-transaction-id.yaml | 12 | transactions[0].id is required",
        "zero-amount.yaml            | 12 | transactions[0].amount must be more than 0",
        "negative-amount.yaml        | 12 | transactions[0].amount must not be negative",
        "three-decimals.yaml         | 12 | more than two decimal places",
        "via-names-no-card.yaml      | 12 | 'mastercard' names no card",
        "duplicate-card.yaml         | 11 | cards[1].id 'visa' is used by another card",
        "duplicate-transaction.yaml  | 13 | transactions[1].id 't1' is used by another transaction",
        "impossible-date.yaml        | 2  | '2025-02-30' is not a real date",
        "luhn-failure.yaml           | 11 | ending 1112 fails the Luhn check",
        "empty.yaml                  | 1  | the file is empty",
        "binary.yaml                 | 0  | a binary file",
        "not-a-map.yaml              | 1  | expected a mapping of fields",
    })
    void aBadFileIsReportedWithItsLineAndProblem(String name, int line, String problem) {
        // Given a bad input file
        Path file = FOLDER.resolve(name);

        // When it is read
        InputError error = catchThrowableOfType(InputError.class, () -> new ScenarioReader().read(file));

        // Then the error names the file, the line and the problem
        assertThat(error).as("reading %s", name).isNotNull();
        assertThat(error.file()).isEqualTo(file);
        assertThat(error.line()).isEqualTo(line);
        assertThat(error.getMessage()).startsWith(file + (line > 0 ? ":" + line : "") + ": ").contains(problem);
    }

    @Test
    void aLuhnErrorNeverShowsMoreThanTheLastFourDigits() {
        // Given a card number that fails the Luhn check
        Path file = FOLDER.resolve("luhn-failure.yaml");

        // When it is read
        InputError error = catchThrowableOfType(InputError.class, () -> new ScenarioReader().read(file));

        // Then the message holds the last four digits only
        assertThat(error.getMessage()).doesNotContain("4111").doesNotContain("1111 1111").contains("1112");
    }

    @Test
    void theOtherFilesOfARunStillRunWhenOneIsBad() throws Exception {
        // Given a bad file and a good one
        List<Path> files = List.of(FOLDER.resolve("unknown-code.yaml"),
                Path.of("test-scenarios/fees/foreign-card-service-fee-above-200.yaml"));

        // When both are run
        List<ScenarioOutcome> outcomes = new ScenarioSuite(new ScenarioReader())
                .run(KnowledgeBase.load(Path.of("rules")), files);

        // Then the bad one is an error and the good one passes
        assertThat(outcomes).extracting(ScenarioOutcome::status)
                .containsExactly(ScenarioOutcome.Status.ERROR, ScenarioOutcome.Status.PASSED);
    }

    @Test
    void controlCharactersInAnUnknownKeyAreShownAsCodesNotSentToTheTerminal(@org.junit.jupiter.api.io.TempDir Path folder)
            throws Exception {
        // Given a file whose unknown key holds an escape sequence that would retitle a terminal, and a bell
        Path file = java.nio.file.Files.writeString(folder.resolve("escape.yaml"),
                "scenario: x\nuser:\n  residence: US\n  \"\\e]0;all passed\\abad\": 1\n");

        // When it is read
        InputError error = catchThrowableOfType(InputError.class, () -> new ScenarioReader().read(file));

        // Then the message names the key with its control characters written as codes
        assertThat(error.getMessage()).contains("unknown field 'U+001B]0;all passedU+0007bad'")
                .doesNotContain("\u001b").doesNotContain("\u0007");
    }

    @Test
    void aDeviceThatNeverEndsIsReadOnlyUpToTheLimit() {
        // Given a special file whose size reads as 0 and that never ends
        Path zeros = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isReadable(zeros));

        // When it is read as a scenario
        InputError error = catchThrowableOfType(InputError.class, () -> new ScenarioReader().read(zeros));

        // Then it is refused at the size limit, not read for ever
        assertThat(error.getMessage()).contains("the file is more than 5 MB");
    }

    @Test
    void anUnquotedNoIsNorwayAndAnUnquotedYesIsNotABoolean() throws Exception {
        // Given a Norwegian resident with a Norwegian card, the codes written unquoted
        String norway = """
                asOf: 2025-06-01
                user: { residence: NO, inMainlandChina: true }
                cards: [ { id: dnb, issuerCountry: NO, network: VISA, type: DEBIT } ]
                """;

        // When it is read, then the codes are Norway's
        Scenario scenario = new ScenarioReader().read(Path.of("norway.yaml"), norway);
        assertThat(scenario.profile().user().residence()).isEqualTo("NO");
        assertThat(scenario.profile().cards().get(0).issuerCountry()).isEqualTo("NO");

        // And a yes where true or false is expected is refused, naming the field
        InputError error = catchThrowableOfType(InputError.class, () -> new ScenarioReader().read(Path.of("yes.yaml"),
                norway.replace("inMainlandChina: true", "inMainlandChina: yes")));
        assertThat(error.getMessage()).contains("user.inMainlandChina").contains("expected true or false");
    }

    @Test
    void anUnknownKeyWithDotsIsNamedWholeNeverSplitIntoAPath(@org.junit.jupiter.api.io.TempDir Path folder)
            throws Exception {
        // Given an unknown key that holds a card number written with dots
        Path file = java.nio.file.Files.writeString(folder.resolve("dotted.yaml"),
                "scenario: x\nasOf: 2025-06-01\nuser: { residence: US }\n\"59194.01979.56854\": 1\n");

        // When it is read
        InputError error = catchThrowableOfType(InputError.class, () -> new ScenarioReader().read(file));

        // Then the key is one field at the top, masked whole, not a field in a path "59194.01979" shown unmasked
        assertThat(error.problem()).startsWith("unknown field '[digits ending 6854]' (known fields: ")
                .doesNotContain(" in 59194");
    }
}
