package alipaykb.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why a rule did or did not fire for a profile. For a rule that did not fire: its conditions in order,
 * which held, and the first that failed, with the facts that came nearest and the values they had.
 *
 * @param firings    the rule's firings, when it fired
 * @param conditions the rule's conditions in order, with what became of each
 * @param failure    the condition that failed, or null when the rule fired or every condition held
 * @param note       a remark on the outcome in words
 */
public record NearMiss(RuleInfo rule, boolean fired, List<Firing> firings, List<Condition> conditions,
                       Failure failure, String note) {
    public NearMiss {
        firings = List.copyOf(firings);
        conditions = List.copyOf(conditions);
    }

    /** What became of one condition. */
    public enum Status {
        /** It matched at some point of the decision. */
        HELD,
        /** It is the first condition that never matched. */
        FAILED,
        /** It comes after the failed one, so it was never tried. */
        NOT_REACHED
    }

    /** One condition of the rule, as written. */
    public record Condition(int number, String text, Status status) {
    }

    /**
     * The failed condition: the part of it that failed and the facts that came nearest.
     *
     * @param constraint the constraint within the condition that failed, or null when the whole condition did
     * @param nearest    the facts that matched every earlier part, in readable form
     * @param bindings   the values of the variables the failed part reads, as they were
     */
    public record Failure(int condition, String constraint, List<String> nearest, Map<String, String> bindings) {
        public Failure {
            nearest = List.copyOf(nearest);
            bindings = Collections.unmodifiableMap(new LinkedHashMap<>(bindings));
        }
    }
}
