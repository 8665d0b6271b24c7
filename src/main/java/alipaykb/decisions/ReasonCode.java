package alipaykb.decisions;

/** Why a transaction is denied. */
public enum ReasonCode {
    NOT_SUPPORTED("overseas cash withdrawal is not done through Alipay"),
    FOREIGN_CARD_TOP_UP("a foreign card cannot top up the Alipay balance"),
    FEATURE_UNAVAILABLE("the tier does not offer this feature"),
    FOREIGN_CARD_RESTRICTED("foreign cards serve payments only, not transfers or red envelopes"),
    RED_ENVELOPE_AMOUNT("the red envelope is above the most one may hold"),
    RED_ENVELOPE_COUNT("the red envelopes of the day are used up"),
    DAILY_LIMIT("the daily limit would be exceeded"),
    MONTHLY_LIMIT("the monthly limit would be exceeded"),
    ANNUAL_LIMIT("the annual limit would be exceeded"),
    CARD_TRANSACTION_LIMIT("above the cap on one payment with a foreign card"),
    CARD_ANNUAL_LIMIT("the yearly cap on foreign-card payments would be exceeded"),
    VERIFICATION_REQUIRED("beyond what may be spent without verification: verify with a passport"),
    NO_REGIONAL_WALLET("the country of residence has no regional wallet: there is no wallet to pay with"),
    WALLET_MERCHANTS_ONLY("a regional wallet pays merchants in mainland China; it does not transfer, send red "
            + "envelopes or top up a mainland balance");

    private final String words;

    ReasonCode(String words) {
        this.words = words;
    }

    /** The reason in plain words. */
    public String words() {
        return words;
    }
}
