package alipaykb.decisions;

/** A feature a tier may offer. */
public enum Feature {
    TRANSFERS, RED_ENVELOPES, SAVINGS
}
