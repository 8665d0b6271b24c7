package alipaykb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.drools.base.definitions.rule.impl.RuleImpl;

/** The compiled actions of a rule of a knowledge base: to tell whether two knowledge bases share them. */
final class CompiledActions {
    private CompiledActions() {
    }

    /** The rule's actions as the model states them, inside the wrapper each knowledge base makes. */
    static Object of(KnowledgeBase kb, String rule) {
        try {
            var field = KnowledgeBase.class.getDeclaredField("kieBase");
            field.setAccessible(true);
            org.kie.api.KieBase kieBase = (org.kie.api.KieBase) field.get(kb);
            RuleImpl found = (RuleImpl) kieBase.getRule("rules", rule);
            assertThat(found).as(rule).isNotNull();
            var wrapped = found.getConsequence().getClass().getDeclaredField("consequence");
            wrapped.setAccessible(true);
            return wrapped.get(found.getConsequence());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
