package alipaykb.decisions;

/** The verdict on a transaction. */
public enum Outcome {
    ALLOW, DENY
}
