package alipaykb.decisions;

/** A limit tier. */
public enum TierCode {
    UNVERIFIED, PASSPORT_VERIFIED, REAL_NAME_VERIFIED
}
