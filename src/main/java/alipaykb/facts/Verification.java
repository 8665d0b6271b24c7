package alipaykb.facts;

/** How far the user has verified their identity with Alipay. */
public enum Verification {
    /** No verification at all. */
    NONE,
    /** Basic verification with a passport. */
    PASSPORT,
    /** Full Chinese real-name verification. */
    REAL_NAME
}
