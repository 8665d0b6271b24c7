package alipaykb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules that do not compile, fail while running, or never come to rest get clear errors. */
class RuleFailureTest {
    private static final String HEADER = "package rules;\nimport alipaykb.facts.*;\nimport alipaykb.decisions.*;\n";

    @Test
    void aRuleFileThatDoesNotCompileIsReportedWithItsFileAndLine() {
        // Given a rule that names a field that does not exist, on line 5
        RuleSet rules = RuleSet.of("test", List.of(new RuleFile("broken.drl", "broken.drl", HEADER
                + "rule \"Broken\"\nwhen\n    User( nickname == \"x\" )\nthen\nend\n")));

        // When it is compiled
        RuleCompilationException error = catchThrowableOfType(RuleCompilationException.class,
                () -> KnowledgeBase.compile(rules));

        // Then the problem names the file and the line
        assertThat(error.problems()).isNotEmpty();
        assertThat(error.problems().get(0).file()).isEqualTo("broken.drl");
        assertThat(error.problems().get(0).line()).isEqualTo(6);
    }

    @Test
    void aRuleThatFailsWhileRunningNamesTheRule() {
        // Given a rule whose consequence throws (dividing by a variable holding 0, which check cannot see)
        RuleSet rules = RuleSet.of("test", List.of(new RuleFile("failing.drl", "failing.drl", HEADER
                + "rule \"Divides by zero\"\nwhen\n    User()\nthen\n    int none = 0;\n    insert( Integer.valueOf(1 / none) );\nend\n")));

        // When a profile is decided
        EvaluationException error = catchThrowableOfType(EvaluationException.class,
                () -> KnowledgeBase.compile(rules).evaluate(Profiles.traveller(Profiles.threeCards())));

        // Then the error names the rule and the failure
        assertThat(error.rule()).isEqualTo("Divides by zero");
        assertThat(error.getMessage()).contains("Divides by zero").contains("ArithmeticException");
    }

    @Test
    void rulesThatNeverComeToRestAreStoppedAtTheFiringLimit() {
        // Given a rule that re-triggers itself forever
        RuleSet rules = RuleSet.of("test", List.of(new RuleFile("loop.drl", "loop.drl", HEADER
                + "rule \"Counts forever\"\nwhen\n    $n : Integer()\nthen\n    delete( $n );\n"
                + "    insert( Integer.valueOf($n + 1) );\nend\n"
                + "rule \"Starts counting\"\nwhen\n    User()\nthen\n    insert( Integer.valueOf(0) );\nend\n")));

        // When a profile is decided with a limit of 500 firings
        EvaluationException error = catchThrowableOfType(EvaluationException.class,
                () -> KnowledgeBase.compile(rules).withMaxFirings(500).evaluate(Profiles.traveller(Profiles.threeCards())));

        // Then it stops with the rule that fired most
        assertThat(error.getMessage()).contains("more than 500 times").contains("Counts forever");
    }
}
