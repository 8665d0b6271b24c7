package alipaykb.engine;

import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;

/** Counts the facts rules insert in one decision, and stops the decision when they are too many. */
final class FactCounter extends DefaultRuleRuntimeEventListener {
    private final int limit;
    private boolean counting;
    private int inserted;
    private String lastRule;
    private int insertedByLastRule;

    FactCounter(int limit) {
        this.limit = limit;
    }

    /** From now on, inserts are the rules'. */
    void startCounting() {
        counting = true;
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        if (!counting) {
            return;
        }
        if (++inserted > limit) {
            throw new TooManyFacts();
        }
        String rule = event.getRule() == null ? null : event.getRule().getName();
        insertedByLastRule = rule != null && rule.equals(lastRule) ? insertedByLastRule + 1 : 1;
        lastRule = rule;
        Object fact = event.getObject();
        if (fact instanceof java.util.Collection<?> || fact instanceof java.util.Map<?, ?> || fact instanceof Object[]) {
            throw new IllegalArgumentException("a rule may not insert a collection as a fact: match the facts it holds,"
                    + " or gather them with from collect(...)");
        }
    }

    /**
     * How many facts the rule's latest firing inserted, if it is the rule that inserted last: in a table, the
     * rows before the one that failed.
     */
    int insertedLastBy(String rule) {
        return rule != null && rule.equals(lastRule) ? insertedByLastRule : 0;
    }

    /** Thrown into the rule that inserts one fact too many. */
    static final class TooManyFacts extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooManyFacts() {
            super("too many facts inserted", null, false, false);
        }
    }
}
