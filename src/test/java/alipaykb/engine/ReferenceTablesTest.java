package alipaykb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import alipaykb.decisions.Decision;
import alipaykb.decisions.FiredRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reference tables are made once for a knowledge base, running no other rule, and a decision lists their rules
 * as explain does.
 */
class ReferenceTablesTest {
    private static final KnowledgeBase KNOWLEDGE_BASE = KnowledgeBase.load(Path.of("src/test/resources/frozen-rules"));

    @Test
    void theRulesWithoutConditionsOfTheReferencePhaseRunAlone() {
        // Given the frozen rules, whose tables are rules without conditions
        List<String> tableRules = KNOWLEDGE_BASE.catalog().rules().stream()
                .filter(rule -> rule.name().startsWith("Table: ")).map(RuleInfo::name).toList();
        assertThat(tableRules).hasSizeGreaterThanOrEqualTo(4);

        // When the knowledge base makes its reference tables
        ReferenceTables tables = ReferenceTables.make(kieBaseOf(KNOWLEDGE_BASE), boundsOf(KNOWLEDGE_BASE));

        // Then every table rule is among the rules run ahead, and their rows are the facts made
        assertThat(tables.rules()).extracting(org.kie.api.definition.rule.Rule::getName).containsAll(tableRules);
        assertThat(tables.facts()).isNotEmpty()
                .anyMatch(fact -> fact instanceof alipaykb.decisions.TierLimit)
                .anyMatch(fact -> fact instanceof alipaykb.decisions.FeeRate);
    }

    @Test
    void makingTheTablesEvaluatesNoConditionOfTheRulesThatDecide() {
        // Given the frozen rules and a decision rule whose join fails on the rows of the fee table (one row is above 0)
        List<RuleFile> files = new ArrayList<>(
                RuleSet.fromFolder(Path.of("src/test/resources/frozen-rules")).files());
        files.add(new RuleFile("divides-by-fee-rows.drl", "divides-by-fee-rows.drl", """
                package rules;
                import alipaykb.decisions.FeeRate;
                import java.math.RoundingMode;
                rule "A rule that divides by the threshold of every fee row"
                    @source("seed")
                when
                    FeeRate( $above : above )
                    FeeRate( above.divide($above, RoundingMode.HALF_UP) > 0 )
                then
                end
                """));
        KnowledgeBase knowledgeBase = KnowledgeBase.compile(RuleSet.of("fails", files));

        // When the knowledge base makes its reference tables
        ReferenceTables tables = ReferenceTables.make(kieBaseOf(knowledgeBase), boundsOf(knowledgeBase));

        // Then they are made: the failing join was never evaluated there
        assertThat(tables.facts()).anyMatch(fact -> fact instanceof alipaykb.decisions.FeeRate);
    }

    @Test
    void decisionsListTheTableRulesAsExplainDoes() {
        // Given a typical profile and a knowledge base that has made no decision yet
        var profile = Profiles.traveller(Profiles.threeCards());
        KnowledgeBase knowledgeBase = KnowledgeBase.load(Path.of("src/test/resources/frozen-rules"));

        // When it is decided twice (the first decision runs the tables' rules itself, the next takes the tables
        // made ahead, in a session of the knowledge base without their rules), and explained with every firing kept
        Decision first = knowledgeBase.evaluate(profile);
        Decision next = knowledgeBase.evaluate(profile);
        Decision explained = knowledgeBase.explain(profile).decision();

        // Then all list the same rules, as often, in the same order, and decide the same
        assertThat(next.firedRules()).extracting(FiredRule::name).anyMatch(name -> name.startsWith("Table: "));
        assertThat(next.firedRules()).isEqualTo(explained.firedRules());
        assertThat(first).isEqualTo(explained);
        assertThat(next).isEqualTo(explained);
    }

    private static org.kie.api.KieBase kieBaseOf(KnowledgeBase kb) {
        try {
            var field = KnowledgeBase.class.getDeclaredField("kieBase");
            field.setAccessible(true);
            return (org.kie.api.KieBase) field.get(kb);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static BoundedRun boundsOf(KnowledgeBase kb) {
        try {
            var field = KnowledgeBase.class.getDeclaredField("bounds");
            field.setAccessible(true);
            return (BoundedRun) field.get(kb);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
