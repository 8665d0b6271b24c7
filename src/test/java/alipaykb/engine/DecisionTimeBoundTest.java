package alipaykb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import alipaykb.decisions.Decision;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A decision that runs past its time bound ends with an error naming the rule running then; the run
 * goes on with the next profile. The rules here make 600 numbers, then compare every three of them: some
 * 200 million comparisons, minutes of work, each one a call into code compiled from the rule file.
 */
class DecisionTimeBoundTest {
    private static final String SLOW = """
            package rules;

            import alipaykb.facts.User;

            rule "Numbers start at zero for a Hong Kong resident"
                @source("seed")
            when
                User( residence == "HK" )
            then
                insert( Integer.valueOf(0) );
            end

            rule "Each number up to 600 brings the next"
                @source("seed")
            when
                $n : Integer( intValue < 600 )
                not Integer( intValue == $n + 1 )
            then
                insert( Integer.valueOf($n + 1) );
            end

            rule "Every three numbers are compared"
                @source("seed")
            when
                Integer( $a : intValue )
                Integer( $b : intValue )
                Integer( intValue > $a + $b + 5000 )
            then
            end
            """;

    private static KnowledgeBase slowRules() {
        return KnowledgeBase.compile(RuleSet.of("test", List.of(new RuleFile("slow.drl", "slow.drl", SLOW))));
    }

    @Test
    void aDecisionPastItsBoundIsStoppedNamingTheRule() {
        // Given rules that need minutes for one decision, and a bound of 300 ms
        KnowledgeBase knowledgeBase = slowRules().withMaxMillis(300);

        // When a profile is decided
        EvaluationException failure = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> catchThrowableOfType(
                EvaluationException.class, () -> knowledgeBase.evaluate(Profiles.traveller(Profiles.threeCards()))));

        // Then the decision ends with an error that gives the bound, and names a rule whose conditions were running
        // (the join of the numbers evaluates the conditions of both rules that match numbers)
        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).contains("ran for more than 300 ms and was stopped")
                .contains("The rule running then: \"" + failure.rule() + "\"");
        assertThat(failure.rule()).isIn("Every three numbers are compared", "Each number up to 600 brings the next");
    }

    @Test
    void theDefaultBoundIsOneSecond() {
        // Given rules that need minutes for one decision, with the default bound
        KnowledgeBase knowledgeBase = slowRules();

        // When a profile is decided
        EvaluationException failure = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> catchThrowableOfType(
                EvaluationException.class, () -> knowledgeBase.evaluate(Profiles.traveller(Profiles.threeCards()))));

        // Then it is stopped after the default second
        assertThat(knowledgeBase.maxMillis()).isEqualTo(RuleBudget.DEFAULT_MAX_MILLIS).isEqualTo(1000);
        assertThat(failure.getMessage()).contains("ran for more than 1000 ms");
    }

    @Test
    void theNextDecisionIsMadeAsUsual() {
        // Given a knowledge base whose last decision ran out of time
        KnowledgeBase knowledgeBase = slowRules().withMaxMillis(200);
        catchThrowableOfType(EvaluationException.class, () -> knowledgeBase.evaluate(Profiles.traveller(Profiles.threeCards())));

        // When a profile that does not set the slow rules off (a US resident's) is decided
        alipaykb.facts.Profile traveller = Profiles.traveller(Profiles.threeCards());
        alipaykb.facts.Profile american = new alipaykb.facts.Profile(traveller.asOf(), traveller.fx(),
                new alipaykb.facts.User("US", true, alipaykb.facts.App.MAINLAND, alipaykb.facts.Verification.NONE, false,
                        false, true, java.util.Set.of(), false), traveller.cards(), traveller.usage(), List.of());
        Decision decision = knowledgeBase.evaluate(american);

        // Then it is decided
        assertThat(decision.rulesVersion()).isEqualTo(knowledgeBase.version());
    }

    @Test
    void workInsideTheEngineThatRunsNoRuleCodeIsStoppedToo() throws Exception {
        // Given a rule joining seven patterns that no condition relates, over 30 facts: 22 billion matches
        // that the engine builds in its own code, where no rule code runs to notice the time
        String text = java.nio.file.Files.readString(
                java.nio.file.Path.of("src/test/resources/hostile-rules/cross-product-payments.drl"));
        KnowledgeBase knowledgeBase = KnowledgeBase.compile(RuleSet.of("test",
                List.of(new RuleFile("cross.drl", "cross.drl", text)))).withMaxMillis(200);

        // When a profile is decided
        EvaluationException failure = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> catchThrowableOfType(
                EvaluationException.class, () -> knowledgeBase.evaluate(Profiles.traveller(Profiles.threeCards()))));

        // Then the decision is stopped, with its thread, once the bound and its grace have passed (or sooner, when
        // the join's tuples pass what one decision may allocate first, as on a small heap), and the error blames no
        // rule: the engine was joining facts, and the rule that fired last is named as no more than that
        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).containsAnyOf("ran for more than 200 ms and was stopped",
                        "filled the memory the JVM has (-Xmx) and was stopped")
                .contains("No rule's code was running");
        assertThat(failure.rule()).isNull();
        assertThat(RuleBudget.graceMillis(200)).isEqualTo(1000);
    }

    @Test
    void aStoppedDecisionLeavesItsCallerUninterrupted() throws Exception {
        // Given rules whose decision is stopped with its thread (stopping a thread also interrupts it)
        KnowledgeBase knowledgeBase = crossProduct();

        // When a caller that was not interrupted makes the decision
        boolean[] interruptedAfter = new boolean[1];
        EvaluationException failure = decideOnItsThread(knowledgeBase, false, interruptedAfter);

        // Then the decision was stopped, and the caller's thread is not left interrupted
        assertThat(failure).hasMessageContaining("and was stopped");
        assertThat(interruptedAfter[0]).isFalse();
    }

    @Test
    void aCallerInterruptedBeforeAStoppedDecisionStaysInterrupted() throws Exception {
        // Given rules whose decision is stopped with its thread
        KnowledgeBase knowledgeBase = crossProduct();

        // When a caller that was interrupted already makes the decision
        boolean[] interruptedAfter = new boolean[1];
        EvaluationException failure = decideOnItsThread(knowledgeBase, true, interruptedAfter);

        // Then the decision was stopped, and the caller's interrupt is still there for it to see
        assertThat(failure).hasMessageContaining("and was stopped");
        assertThat(interruptedAfter[0]).isTrue();
    }

    /**
     * Decides on a thread of its own, interrupted first or not; whether that thread was interrupted after the
     * decision goes in {@code interruptedAfter[0]}.
     */
    private static EvaluationException decideOnItsThread(KnowledgeBase knowledgeBase, boolean interruptFirst,
                                                         boolean[] interruptedAfter) {
        return assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            if (interruptFirst) {
                Thread.currentThread().interrupt();
            }
            EvaluationException thrown = catchThrowableOfType(EvaluationException.class,
                    () -> knowledgeBase.evaluate(Profiles.traveller(Profiles.threeCards())));
            interruptedAfter[0] = Thread.interrupted();
            return thrown;
        });
    }

    private static KnowledgeBase crossProduct() throws java.io.IOException {
        String text = java.nio.file.Files.readString(
                java.nio.file.Path.of("src/test/resources/hostile-rules/cross-product-payments.drl"));
        return KnowledgeBase.compile(RuleSet.of("test", List.of(new RuleFile("cross.drl", "cross.drl", text))))
                .withMaxMillis(200);
    }

    @Test
    void aBoundOfLessThanOneMillisecondIsRefused() {
        // Given a knowledge base
        KnowledgeBase knowledgeBase = slowRules();

        // When a bound of 0 is asked for
        IllegalArgumentException refused = catchThrowableOfType(IllegalArgumentException.class,
                () -> knowledgeBase.withMaxMillis(0));

        // Then it is refused
        assertThat(refused).hasMessageContaining("1 or more");
    }
}
