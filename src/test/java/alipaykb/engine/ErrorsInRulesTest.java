package alipaykb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import alipaykb.decisions.Decision;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whatever rule code throws, Errors included, fails the one decision it happens in, names the rule and
 * its file:line, carries no stack trace, and leaves the knowledge base deciding the next profile.
 */
class ErrorsInRulesTest {
    private static final AllowList WITH_THROWING_CALLS = AllowList.standardWith("alipaykb.engine.ThrowingCalls *");

    private static KnowledgeBase rulesCalling(String call, boolean inCondition) {
        String rule = inCondition
                ? "rule \"Throws in its condition\"\n    @source(\"seed\")\nwhen\n    Payment( ThrowingCalls." + call
                        + "(id) )\nthen\nend\n"
                : "rule \"Throws in its actions\"\n    @source(\"seed\")\nwhen\n    Payment( id == \"t1\" )\nthen\n"
                        + "    ThrowingCalls." + call + "(null);\nend\n";
        String text = "package rules;\n\nimport alipaykb.facts.Payment;\nimport alipaykb.engine.ThrowingCalls;\n\n" + rule;
        RuleSet rules = RuleSet.of("test", List.of(new RuleFile("throwing.drl", "throwing.drl", text)));
        return KnowledgeBase.compile(rules, null, WITH_THROWING_CALLS);
    }

    @ParameterizedTest(name = "{0} in its {1}")
    @CsvSource({
        "stackOverflow, actions, StackOverflowError",
        "outOfMemory, actions, OutOfMemoryError",
        "error, actions, RuleError",
        "internalError, actions, InternalError",
        "stackOverflow, conditions, StackOverflowError",
        "outOfMemory, conditions, OutOfMemoryError",
        "error, conditions, RuleError",
        "internalError, conditions, InternalError"})
    void anErrorFailsOnlyItsDecisionNamingTheRuleAndItsLine(String call, String where, String error) {
        // Given rules of which one throws an Error in its actions or its conditions
        KnowledgeBase knowledgeBase = rulesCalling(call, where.equals("conditions"));
        String rule = where.equals("conditions") ? "Throws in its condition" : "Throws in its actions";

        // When a profile is decided
        EvaluationException failure = catchThrowableOfType(EvaluationException.class,
                () -> knowledgeBase.evaluate(Profiles.traveller(Profiles.threeCards())));

        // Then the decision fails, naming the rule, its file and line, where it failed and the Error, without a trace
        assertThat(failure).isNotNull();
        assertThat(failure.rule()).isEqualTo(rule);
        assertThat(failure.getMessage()).contains("rule \"" + rule + "\" (throwing.drl:6)")
                .contains("failed in its " + where).contains(error);
        assertThat(failure.getCause()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"stackOverflow", "outOfMemory", "error"})
    void theKnowledgeBaseGoesOnDecidingAfterAnError(String call) {
        // Given rules that throw an Error for a payment with id t1 only, and a decision that failed on it
        String text = "package rules;\n\nimport alipaykb.facts.Payment;\nimport alipaykb.engine.ThrowingCalls;\n\n"
                + "rule \"Throws for t1\"\n    @source(\"seed\")\nwhen\n    Payment( id == \"t1\" )\nthen\n    ThrowingCalls."
                + call + "(null);\nend\n";
        KnowledgeBase knowledgeBase = KnowledgeBase.compile(
                RuleSet.of("test", List.of(new RuleFile("throwing.drl", "throwing.drl", text))), null, WITH_THROWING_CALLS);
        catchThrowableOfType(EvaluationException.class, () -> knowledgeBase.evaluate(Profiles.traveller(Profiles.threeCards())));

        // When a profile without t1 is decided next, many times over
        alipaykb.facts.Profile other = Profiles.withoutPayments(Profiles.threeCards());
        List<Decision> decisions = java.util.stream.IntStream.range(0, 50).mapToObj(i -> knowledgeBase.evaluate(other)).toList();

        // Then each is decided
        assertThat(decisions).hasSize(50).allSatisfy(decision -> assertThat(decision.transactions()).isEmpty());
    }
}
