package alipaykb.cli;

import alipaykb.testsupport.Commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands as a user runs them: what they print and the exit codes they return. */
class CommandLineTest {
    private static final String SCENARIO = "test-scenarios/fees/foreign-card-service-fee-above-200.yaml";

    private static Commands.Run run(String... args) {
        return Commands.run(args);
    }

    @Test
    void adviseGivesTheRankedOptionsTierVerdictsFeesAndAdviceWithTheirRules() {
        // When
        Commands.Run run = run("advise", SCENARIO);

        // Then
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("HOW TO FUND ALIPAY", "1. LOCAL_SIM_WALLET (HIGH)", "TIER: UNVERIFIED",
                "t1: QR_PAYMENT of 201.00 CNY via visa (ending 1111) -> ALLOWED", "fee: 6.03 CNY",
                "rule \"A foreign-card payment above the fee's threshold pays the service fee\" (fees.drl, source pboc-2024)",
                "VERIFY_PASSPORT");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void adviseJsonPrintsTheWholeDecision() throws IOException {
        // When
        Commands.Run run = run("advise", "--json", SCENARIO);

        // Then
        assertThat(run.exit()).isZero();
        JsonNode decision = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
        assertThat(decision.path("rulesVersion").asText()).hasSize(12);
        assertThat(decision.path("asOf").asText()).isEqualTo("2025-06-01");
        assertThat(decision.path("fundingOptions").get(0).path("code").asText()).isEqualTo("LOCAL_SIM_WALLET");
        assertThat(decision.path("tier").path("code").asText()).isEqualTo("UNVERIFIED");
        JsonNode t1 = decision.path("transactions").get(0);
        assertThat(t1.path("outcome").asText()).isEqualTo("ALLOW");
        assertThat(t1.path("fee").path("min").decimalValue()).isEqualByComparingTo("6.03");
        assertThat(decision.path("advice").get(0).path("code").asText()).isEqualTo("VERIFY_PASSPORT");
        assertThat(decision.path("firedRules").size()).isGreaterThan(10);
    }

    @Test
    void aCardNumberIsNeverPrintedWhole() {
        // Given a scenario whose card number is 4111 1111 1111 1111
        // When it is advised on, as text and as JSON
        String text = run("advise", SCENARIO).out();
        String json = run("advise", "--json", SCENARIO).out();

        // Then neither output holds more than its last four digits
        for (String output : new String[] {text, json}) {
            assertThat(output.replaceAll("[ -]", "")).doesNotContain("41111111").doesNotContain("11111111");
        }
    }

    @Test
    void adviseOnAMissingFileIsAUsageError() {
        Commands.Run run = run("advise", "no-such-file.yaml");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no-such-file.yaml: no such file");
    }

    @Test
    void adviseOnABadFileSaysWhereAndWhat() {
        Commands.Run run = run("advise", "src/test/resources/bad-input/via-names-no-card.yaml");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("via-names-no-card.yaml:12: transactions[0].via 'mastercard' names no card")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void testRunsAFolderAndClosesWithTheTotals() {
        // When
        Commands.Run run = run("test", "test-scenarios/fees");

        // Then one line per scenario and the totals last
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("PASS  test-scenarios/fees/foreign-card-service-fee-above-200.yaml");
        assertThat(run.out().strip()).matches("(?s).*\\n\\d+ passed, 0 failed");
    }

    @Test
    void testReportsAFailureWithExpectedAndActualAndExitsOne(@TempDir Path folder) throws IOException {
        // Given a scenario that expects the wrong fee
        Path file = folder.resolve("wrong-fee.yaml");
        Files.writeString(file, Files.readString(Path.of(SCENARIO))
                .replace("scenario: Unverified", "scenario: Wrong fee for an unverified")
                .replace("t1: 6.03", "t1: 6.04"));

        // When it is run beside a bad file
        Commands.Run run = run("test", file.toString(), "src/test/resources/bad-input/unknown-code.yaml");

        // Then the failure says what was expected and what came out, and the run fails
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL  " + file, "fees.t1: expected CNY 6.04, got CNY 6.03",
                "ERROR " , "unknown-code.yaml:9: cards[0].network: unknown code 'VISAA'",
                "1 file could not be read or decided on");
        assertThat(run.out().strip()).endsWith("0 passed, 2 failed");
    }

    @Test
    void testOnAMissingFolderIsAUsageError() {
        Commands.Run run = run("test", "no-such-folder");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no-such-folder: no such file or folder");
    }

    @Test
    void rulesThatDoNotCompileAreAUsageErrorNamingFileAndLine(@TempDir Path rules) throws IOException {
        // Given a rules folder with a broken rule on line 4
        Files.writeString(rules.resolve("broken.drl"),
                "package rules;\nimport alipaykb.facts.*;\nrule \"Broken\"\nwhen\n    User( nickname == 1 )\nthen\nend\n");

        // When scenarios run on it
        Commands.Run run = run("test", "--rules", rules.toString(), "test-scenarios/fees");

        // Then
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("the rules do not compile").contains("broken.drl:");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aMissingRulesFolderIsAUsageError() {
        Commands.Run run = run("advise", "--rules", "no-such-rules", SCENARIO);
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("rules folder no-such-rules does not exist");
    }

    @Test
    void versionAndHelpAreOnEveryCommand() {
        assertThat(run("--version").out()).startsWith("alipay-kb ");
        assertThat(run("advise", "--help").out()).contains("--rules=DIR", "--json");
        assertThat(run("test", "--help").out()).contains("--rules=DIR", "PATH");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Commands.Run run = run("test", "--no-such-option");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "--max-millis, 5000000000000, --max-millis must be from 1 to 3600000",
        "--max-millis, 0, --max-millis must be from 1 to 3600000",
        "--max-firings, 2000000000, --max-firings must be from 1 to 1000000",
        "--max-firings, -1, --max-firings must be from 1 to 1000000"})
    void aBoundOutsideItsRangeIsAUsageError(String option, String value, String message) {
        // Given a bound so large that time or counts would overflow, or below one
        // When a profile is advised on with it
        Commands.Run run = Commands.run("advise", option, value, "test-scenarios/examples/us-traveller-in-shanghai.yaml");

        // Then it is refused as a usage error before any decision
        assertThat(run.exit()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("error: " + message);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void watchOnAScenarioPathThatDoesNotExistIsAUsageErrorNotAWatch() {
        // When watch is started on a scenario folder that is not there
        Commands.Run run = Commands.run("watch", "--rules", "rules", "--cycles", "1", "no-such-scenarios");

        // Then it stops at once with a usage error naming it
        assertThat(run.exit()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("error: no-such-scenarios: no such file or folder");
        assertThat(run.out()).doesNotContain("Watching");
    }

    @Test
    void adviceOfOneCodeShowsOnceAndJsonNamesTheRulesOrderApartFromTheRank() {
        // When the example traveller, refused for a limit on the passport-verified tier, is advised on
        Commands.Run text = Commands.run("advise", "test-scenarios/examples/us-traveller-in-shanghai.yaml");
        Commands.Run json = Commands.run("advise", "--json", "test-scenarios/examples/us-traveller-in-shanghai.yaml");

        // Then RAISE_LIMITS heads its advice once, with both rules' details under it
        assertThat(text.out().lines().filter(line -> line.equals("  RAISE_LIMITS")).count()).isEqualTo(1);
        assertThat(text.out()).contains("Complete identity verification.").contains("monthly limit can rise to 50,000 CNY");
        // and the JSON calls an option's place in the rules' order list orderInRules, not position
        assertThat(json.out()).contains("\"orderInRules\" : 3").doesNotContain("\"position\" : 3");
        // and money keeps the policy's two decimals, while a count stays whole
        assertThat(json.out()).contains("\"amount\" : 350.00,").contains("\"value\" : 5000.00,")
                .contains("\"value\" : 100,").doesNotContain("\"amount\" : 350,");
    }
}
