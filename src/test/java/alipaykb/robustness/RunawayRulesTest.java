package alipaykb.robustness;

import alipaykb.testsupport.Commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import alipaykb.decisions.Decision;
import alipaykb.engine.EvaluationException;
import alipaykb.engine.KnowledgeBase;
import alipaykb.facts.Profile;
import alipaykb.scenario.ScenarioReader;
import alipaykb.scenario.ScenarioSuite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules that never come to rest are stopped at the firing limit, and a rule that throws fails only the
 * decision it fires in, each with the rules involved named.
 */
class RunawayRulesTest {
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final String PING = "A ping is answered with a pong";
    private static final String PONG = "A pong is answered with a ping";
    private static final String PING_PONG = """
            package rules;

            import alipaykb.facts.User;

            rule "A user starts a game of ping-pong"
                @source("seed")
            when
                User()
            then
                insert( Integer.valueOf(0) );
            end

            rule "%s"
                @source("seed")
            when
                $ping : Integer()
            then
                delete( $ping );
                insert( Long.valueOf($ping + 1) );
            end

            rule "%s"
                @source("seed")
            when
                $pong : Long()
            then
                delete( $pong );
                insert( Integer.valueOf((int) ($pong + 1)) );
            end
            """.formatted(PING, PONG);

    private static final String DIVIDES = "A Mongolian resident's decision divides by zero";
    private static final String DIVISION = """
            package rules;

            import alipaykb.facts.User;

            rule "%s"
                @source("seed")
            when
                User( residence == "MN" )
            then
                int none = 0;
                insert( Integer.valueOf(100 / none) );
            end
            """.formatted(DIVIDES);
    /** The line of the rule in its file. */
    private static final int DIVIDES_LINE = 5;

    private static final Path SCENARIO = Path.of("test-scenarios/fees/foreign-card-service-fee-above-200.yaml");
    private static final Path MONGOLIAN =
            Path.of("test-scenarios/funding-options/mongolian-resident-with-mongolian-card-gets-regional-wallet.yaml");
    private static final Path HONG_KONG =
            Path.of("test-scenarios/funding-options/hong-kong-resident-with-hong-kong-card-gets-regional-wallet.yaml");

    private static Path rulesWith(Path folder, String name, String text) throws IOException {
        Path rules = Commands.copyOfRules(folder);
        Files.writeString(rules.resolve(name), text);
        return rules;
    }

    private static Profile profile(Path file) throws Exception {
        return new ScenarioReader().read(file).profile();
    }

    // --- Rules that set each other off forever ----------------------------------------------------------

    @Test
    void rulesThatSetEachOtherOffAreStoppedAtTheFiringLimitNamingThem(@TempDir Path folder) throws Exception {
        // Given the shipped rules and two rules that set each other off forever, with a limit of 500 firings
        KnowledgeBase knowledgeBase = KnowledgeBase.load(rulesWith(folder, "ping-pong.drl", PING_PONG)).withMaxFirings(500);
        Profile profile = profile(SCENARIO);

        // When a profile is decided
        EvaluationException error = assertTimeoutPreemptively(BOUND,
                () -> catchThrowableOfType(EvaluationException.class, () -> knowledgeBase.evaluate(profile)));

        // Then the decision fails once the limit is passed, naming both rules
        assertThat(error).isNotNull();
        assertThat(error.getMessage()).contains("more than 500 times").contains(PING).contains(PONG);
        assertThat(error.rule()).isIn(PING, PONG);
    }

    @Test
    void theDefaultFiringLimitStopsThemToo(@TempDir Path folder) throws Exception {
        // Given the shipped rules and two rules that set each other off forever, with the default limit
        KnowledgeBase knowledgeBase = KnowledgeBase.load(rulesWith(folder, "ping-pong.drl", PING_PONG));
        Profile profile = profile(SCENARIO);

        // When a profile is decided
        EvaluationException error = assertTimeoutPreemptively(BOUND,
                () -> catchThrowableOfType(EvaluationException.class, () -> knowledgeBase.evaluate(profile)));

        // Then the decision fails after the default limit of firings, naming both rules
        assertThat(knowledgeBase.maxFirings()).isEqualTo(KnowledgeBase.DEFAULT_MAX_FIRINGS);
        assertThat(error).isNotNull();
        assertThat(error.getMessage()).contains("more than " + KnowledgeBase.DEFAULT_MAX_FIRINGS + " times")
                .contains(PING).contains(PONG);
    }

    @Test
    void theMaxFiringsOptionStopsThemOnTheCommandLine(@TempDir Path folder) throws IOException {
        // Given the shipped rules and two rules that set each other off forever
        Path rules = rulesWith(folder, "ping-pong.drl", PING_PONG);

        // When a profile is advised on with --max-firings 500
        Commands.Run run = assertTimeoutPreemptively(BOUND, () -> Commands.run("advise", "--rules", rules.toString(),
                "--max-firings", "500", SCENARIO.toString()));

        // Then there is no decision: exit code 1, and an error naming the limit and both rules, without a stack trace
        assertThat(run.exit()).as(run.all()).isEqualTo(1);
        assertThat(run.err()).contains("error: " + SCENARIO + ": no decision: ").contains("more than 500 times")
                .contains(PING).contains(PONG);
        assertThat(run.out()).isEmpty();
        assertThat(run.all()).doesNotContain("\tat ");
    }

    @Test
    void theShippedRulesFireFarFewerTimesThanTheLimit() throws Exception {
        // Given the shipped scenario that takes the most firings
        KnowledgeBase knowledgeBase = KnowledgeBase.load(Path.of("src/test/resources/frozen-rules"));
        Path largest = null;
        int most = 0;
        for (Path file : ScenarioSuite.collect(List.of(Path.of("test-scenarios")))) {
            int firings = knowledgeBase.explain(profile(file)).firings().size();
            if (firings > most) {
                most = firings;
                largest = file;
            }
        }

        // When explain counts its firings
        Commands.Run run = Commands.run("explain", largest.toString());

        // Then they are under a tenth of the default limit
        assertThat(run.exit()).as(run.all()).isZero();
        Matcher count = Pattern.compile("(?m)^(\\d+) firings of \\d+ rules\\.$").matcher(run.out());
        assertThat(count.find()).as(run.out()).isTrue();
        int firings = Integer.parseInt(count.group(1));
        assertThat(firings).as("firings of %s", largest).isEqualTo(most)
                .isLessThan(KnowledgeBase.DEFAULT_MAX_FIRINGS / 10);
    }

    // --- A rule that throws -----------------------------------------------------------------------------

    @Test
    void aRuleThatThrowsFailsOnlyItsDecisionNamingTheRuleAndItsPlace(@TempDir Path folder) throws Exception {
        // Given the shipped rules and a rule that divides by zero for Mongolian residents
        KnowledgeBase knowledgeBase = KnowledgeBase.load(rulesWith(folder, "division.drl", DIVISION));
        KnowledgeBase shipped = KnowledgeBase.load(Path.of("src/test/resources/frozen-rules"));

        // When a Mongolian resident's profile is decided, and then another profile
        EvaluationException error = catchThrowableOfType(EvaluationException.class,
                () -> knowledgeBase.evaluate(profile(MONGOLIAN)));
        Decision other = knowledgeBase.evaluate(profile(HONG_KONG));

        // Then the first fails, naming the rule and its file:line, and the other is decided as the shipped rules do
        assertThat(error).isNotNull();
        assertThat(error.rule()).isEqualTo(DIVIDES);
        assertThat(error.getMessage()).contains("\"" + DIVIDES + "\"").contains("division.drl:" + DIVIDES_LINE)
                .contains("by zero");
        Decision expected = shipped.evaluate(profile(HONG_KONG));
        assertThat(other.fundingOptions()).isEqualTo(expected.fundingOptions());
        assertThat(other.tier()).isEqualTo(expected.tier());
        assertThat(other.transactions()).isEqualTo(expected.transactions());
        assertThat(other.advice()).isEqualTo(expected.advice());
    }

    @Test
    void aRuleThatThrowsIsAnErrorLineInATestRunAndTheOtherFilesStillPass(@TempDir Path folder) throws IOException {
        // Given the shipped rules with a rule that divides by zero for Mongolian residents, and three scenarios
        Path rules = rulesWith(folder, "division.drl", DIVISION);
        Path suite = Files.createDirectories(folder.resolve("suite"));
        for (Path file : List.of(SCENARIO, MONGOLIAN, HONG_KONG)) {
            Files.copy(file, suite.resolve(file.getFileName()));
        }

        // When the three are run
        Commands.Run run = Commands.run("test", "--rules", rules.toString(), suite.toString());

        // Then the Mongolian one is an ERROR naming the rule and its place, and the other two pass
        assertThat(run.exit()).as(run.all()).isEqualTo(1);
        assertThat(run.out().lines()).anySatisfy(line -> assertThat(line)
                .startsWith("ERROR " + suite.resolve(MONGOLIAN.getFileName()))
                .contains("\"" + DIVIDES + "\"").contains("division.drl:" + DIVIDES_LINE));
        assertThat(run.out()).contains("PASS  " + suite.resolve(SCENARIO.getFileName()),
                "PASS  " + suite.resolve(HONG_KONG.getFileName()), "1 file could not be read or decided on");
        assertThat(run.out().lines().toList()).last().isEqualTo("2 passed, 1 failed");
        assertThat(run.all()).doesNotContain("\tat ");
    }
}
