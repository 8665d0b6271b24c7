package alipaykb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import alipaykb.decisions.Decision;
import alipaykb.engine.KnowledgeBase;
import alipaykb.facts.SafeText;
import alipaykb.scenario.Scenario;
import alipaykb.scenario.ScenarioReader;
import alipaykb.scenario.ScenarioSuite;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every output passes through {@link SafeText}, which cuts digit runs that could be card numbers and escapes
 * control characters. That must cost the ordinary outputs nothing: what the shipped scenarios print, as text,
 * as JSON and in the test report, is written exactly as the commands made it.
 */
class MaskingLeavesShippedOutputsAloneTest {
    private static KnowledgeBase knowledgeBase;
    private static List<Scenario> scenarios;

    @BeforeAll
    static void decideTheShippedScenarios() throws Exception {
        knowledgeBase = KnowledgeBase.load(Path.of("rules"));
        ScenarioReader reader = new ScenarioReader();
        scenarios = new java.util.ArrayList<>();
        for (Path file : ScenarioSuite.collect(List.of(Path.of("test-scenarios")))) {
            scenarios.add(reader.read(file));
        }
    }

    @Test
    void theAdviceTextOfEveryShippedScenarioPassesUnchanged() {
        // Given the advice text of every shipped scenario, as advise prints it
        for (Scenario scenario : scenarios) {
            StringWriter text = new StringWriter();
            Decision decision = knowledgeBase.evaluate(scenario.profile());
            new DecisionPrinter(new PrintWriter(text, true)).print(decision, scenario.profile(), "rules");

            // Then masking and escaping leave it as it is
            assertThat(SafeText.of(text.toString())).as(scenario.file().toString()).isEqualTo(text.toString());
        }
    }

    @Test
    void theJsonOfEveryShippedDecisionPassesUnchanged() throws Exception {
        // Given a JSON writer like the one advise --json and batch use, but without the safe-text serializer
        ObjectMapper plain = JsonMapper.builder().addModule(new JavaTimeModule())
                .addMixIn(alipaykb.decisions.FundingOption.class, OrderInRules.class)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .enable(SerializationFeature.INDENT_OUTPUT).build();
        for (Scenario scenario : scenarios) {
            Decision decision = knowledgeBase.evaluate(scenario.profile());

            // When each decision is written both ways
            String unfiltered = plain.writeValueAsString(decision);
            String written = alipaykb.json.DecisionJson.write(decision);

            // Then the product's JSON holds the plain JSON's values (numbers compared by value: money is written with
            // two decimals), and the output filter changes nothing in it
            java.util.Comparator<com.fasterxml.jackson.databind.JsonNode> sameValue = (a, b) ->
                    a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;
            assertThat(plain.readTree(unfiltered).equals(sameValue, plain.readTree(written)))
                    .as("%s%n%s%n%s", scenario.file(), unfiltered, written).isTrue();
            assertThat(SafeText.of(written)).as(scenario.file().toString()).isEqualTo(written);
        }
    }

    @Test
    void theTestReportOfTheShippedSuitePassesUnchanged() {
        // Given the test command's report on the whole shipped suite, printed without the output filter
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute("test", "--rules", "rules", "test-scenarios");

        // Then it passed, and masking and escaping leave the report as it is
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("passed, 0 failed");
        assertThat(SafeText.of(out.toString())).isEqualTo(out.toString());
        assertThat(SafeText.of(err.toString())).isEqualTo(err.toString());
    }

    /** As the product's JSON names a funding option's position. */
    interface OrderInRules {
        @com.fasterxml.jackson.annotation.JsonProperty("orderInRules")
        int position();
    }
}
