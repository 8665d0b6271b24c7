package alipaykb.cli;

import alipaykb.testsupport.Commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** {@code test} reports rule coverage and writes coverage and JUnit reports. */
class ReportsTest {

    @Test
    void theShippedSuiteFiresEveryCountedRule(@TempDir Path folder) throws Exception {
        // When the whole suite runs with a coverage report and a minimum of 100%
        Commands.Run run = Commands.run("test", "--min-coverage", "100", "--coverage-report", folder.toString());

        // Then every counted rule fired, and the reports say so
        assertThat(run.exit()).isZero();
        assertThat(run.out()).containsPattern("Rule coverage \\(rules version \\w{12}\\): (\\d+) of \\1 rules fired \\(100\\.0%\\)")
                .contains("Every counted rule fired.");
        JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(folder.resolve("coverage.json")));
        assertThat(json.path("percent").asDouble()).isEqualTo(100.0);
        assertThat(json.path("rulesVersion").asText()).hasSize(12);
        assertThat(json.path("rules").size()).isGreaterThan(60);
        String html = Files.readString(folder.resolve("coverage.html"));
        assertThat(html).contains("<h2>fees.drl</h2>").contains("class=\"unreachable\"").doesNotContain("class=\"never\"");
    }

    @Test
    void aPartialRunListsTheRulesThatNeverFiredAndFailsTheMinimum(@TempDir Path folder) throws IOException {
        // When only the fee scenarios run, with a minimum of 90% and the coverage table asked for
        Commands.Run run = Commands.run("test", "--coverage", "--min-coverage", "90", "--coverage-report",
                folder.toString(), "test-scenarios/fees");

        // Then the rules they never reach are listed and highlighted, and the run fails on coverage alone
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("Never fired (").contains("Huabei for real-name mainland users")
                .containsPattern("rule coverage \\d+\\.\\d% is below the minimum of 90%")
                .containsPattern("\\n\\d+ passed, 0 failed\\s*$");
        assertThat(Files.readString(folder.resolve("coverage.html"))).contains("class=\"never\"");
    }

    @Test
    void theJUnitReportHasOneCasePerScenarioWithFailuresExplained(@TempDir Path folder) throws Exception {
        // Given a failing scenario beside a passing one
        Path wrong = folder.resolve("wrong.yaml");
        Files.writeString(wrong, Files.readString(Path.of("test-scenarios/fees/foreign-card-service-fee-above-200.yaml"))
                .replace("scenario: Unverified", "scenario: Wrongly expected fee of an unverified")
                .replace("t1: 6.03", "t1: 6.04"));
        Path report = folder.resolve("reports/junit.xml");

        // When they run with --junit-xml
        Commands.Run run = Commands.run("test", "--junit-xml", report.toString(), wrong.toString(),
                "test-scenarios/fees/foreign-card-service-fee-above-200.yaml");

        // Then the report holds both, the failure with its expected-versus-actual text
        assertThat(run.exit()).isEqualTo(1);
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile());
        Element suite = xml.getDocumentElement();
        assertThat(suite.getAttribute("tests")).isEqualTo("2");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(2);
        Element failure = (Element) xml.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).startsWith("fees.t1: expected CNY 6.04, got CNY 6.03");
        assertThat(((Element) failure.getParentNode()).getAttribute("name"))
                .isEqualTo("Wrongly expected fee of an unverified US tourist pays 201 CNY by QR with a Visa card and is quoted a 6.03 CNY service fee");
        assertThat(Files.list(report.getParent())).hasSize(1);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"NaN", "-1", "100.5", "Infinity"})
    void aMinimumCoverageThatIsNoPercentageIsAUsageError(String value) {
        // Given a minimum coverage that is no percentage
        // When the suite is run with it
        Commands.Run run = Commands.run("test", "--min-coverage", value, "test-scenarios/fees");

        // Then it is refused as a usage error (exit code 2), before anything runs
        assertThat(run.exit()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("--min-coverage must be a percentage from 0 to 100");
        assertThat(run.out()).doesNotContain("passed");
    }

    @Test
    void withoutCoverageTheRunShowsCoverageInOneLineAndCountsWhatNeverFired() {
        // When the fee scenarios run without --coverage
        Commands.Run run = Commands.run("test", "test-scenarios/fees");

        // Then coverage takes one line and a count of the rules that never fired, with no table
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.out()).containsPattern("Rule coverage \\(rules version \\w{12}\\): \\d+ of \\d+ rules fired")
                .containsPattern("\\d+ rules never fired; --coverage lists them")
                .doesNotContain("firings  rule").doesNotContain("Huabei for real-name mainland users");
    }

    @Test
    void failuresComeFirstAndQuietPrintsOnlyThemAndTheTotals(@TempDir Path folder) throws IOException {
        // Given a failing scenario among passing ones, named to sort last
        Files.writeString(folder.resolve("zz-wrong.yaml"),
                Files.readString(Path.of("test-scenarios/fees/foreign-card-service-fee-above-200.yaml"))
                        .replace("t1: 6.03", "t1: 6.04"));
        Files.copy(Path.of("test-scenarios/fees/balance-payment-has-no-fee.yaml"), folder.resolve("aa-good.yaml"));

        // When the folder runs, and runs again with --quiet
        Commands.Run run = Commands.run("test", folder.toString());
        Commands.Run quiet = Commands.run("test", "--quiet", folder.toString());

        // Then the failure heads the report, before the passing scenario, and the totals end it
        assertThat(run.exit()).isEqualTo(1);
        java.util.List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("1 of 2 scenarios did not pass:");
        assertThat(lines.get(1)).startsWith("FAIL  ").endsWith(lines.get(1).substring(lines.get(1).indexOf("  ")))
                .contains("zz-wrong.yaml");
        assertThat(run.out().indexOf("FAIL  ")).isLessThan(run.out().indexOf("PASS  "));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("1 passed, 1 failed");
        // and quiet leaves out the passes and the coverage
        assertThat(quiet.exit()).isEqualTo(1);
        assertThat(quiet.out()).contains("FAIL  ").doesNotContain("PASS  ").doesNotContain("Rule coverage")
                .endsWith("1 passed, 1 failed" + System.lineSeparator());
    }
}
