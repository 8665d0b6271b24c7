package alipaykb.decisions;

/** What a limit measures. Amounts are CNY except for counts. */
public enum LimitScope {
    /** CNY a day: of one kind when the limit names a kind, else all kinds together. */
    DAILY("a day"),
    /** CNY a month, all kinds. */
    MONTHLY("a month"),
    /** CNY a year, all kinds. */
    ANNUAL("a year"),
    /** CNY in one red envelope. */
    RED_ENVELOPE_AMOUNT("per red envelope"),
    /** Red envelopes a day (a count). */
    RED_ENVELOPES_PER_DAY("red envelopes a day"),
    /** CNY in one payment with a foreign card. */
    FOREIGN_CARD_PER_TRANSACTION("per payment with a foreign card"),
    /** CNY a year paid with foreign cards. */
    FOREIGN_CARD_ANNUAL("a year with foreign cards"),
    /** CNY a year in all, without identity verification. */
    NO_ID_ANNUAL("a year in all without verification");

    private final String words;

    LimitScope(String words) {
        this.words = words;
    }

    /** The scope in plain words, as it follows an amount. */
    public String words() {
        return words;
    }

    /** Whether the limit counts items rather than CNY. */
    public boolean isCount() {
        return this == RED_ENVELOPES_PER_DAY;
    }
}
