package alipaykb.decisions;

/** A piece of advice. */
public enum AdviceCode {
    VERIFY_PASSPORT, RAISE_LIMITS, SECOND_ACCOUNT_RESTRICTED
}
