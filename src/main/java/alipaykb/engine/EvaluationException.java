package alipaykb.engine;

import alipaykb.facts.CardNumber;

/** A decision could not be made: a rule failed while it ran, or the rules went round in circles. */
public class EvaluationException extends RuntimeException {
    private final String rule;

    public EvaluationException(String message, String rule, Throwable cause) {
        super(CardNumber.maskIn(message), cause);
        this.rule = rule;
    }

    /** The rule involved, or null when none is known. */
    public String rule() {
        return rule;
    }
}
