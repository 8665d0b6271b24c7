package alipaykb.engine;

import alipaykb.facts.CardNumber;

/** A decision could not be made: a rule failed while it ran, or the rules went round in circles. */
public class EvaluationException extends RuntimeException {
    private final String rule;
    private final int statement;

    public EvaluationException(String message, String rule, Throwable cause) {
        this(message, rule, cause, -1);
    }

    /**
     * @param statement when the rule failed in its actions, how many facts those actions had inserted before:
     *                  in a table of rows, the index of the row that failed; else -1
     */
    EvaluationException(String message, String rule, Throwable cause, int statement) {
        super(CardNumber.maskIn(message), cause);
        this.rule = rule;
        this.statement = statement;
    }

    /**
     * A failure made ahead, without a stack trace or suppressed exceptions, that any thread may throw: for a decision
     * whose session still fills the heap while the failure is described, when no new object can be made.
     */
    EvaluationException(String message) {
        super(message, null, false, false);
        this.rule = null;
        this.statement = -1;
    }

    /** How many facts the failed actions inserted before they failed, or -1 when not known. */
    int statement() {
        return statement;
    }

    /** The rule involved, or null when none is known. */
    public String rule() {
        return rule;
    }
}
