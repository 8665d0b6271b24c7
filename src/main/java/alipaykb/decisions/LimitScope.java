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

    /**
     * A limit's amount checked for its scope: a whole count of items for a count scope, else CNY with at most
     * two decimals.
     */
    public static java.math.BigDecimal amount(LimitScope scope, java.math.BigDecimal amount) {
        if (scope.isCount()) {
            alipaykb.facts.Checks.required(amount, "amount");
            if (amount.signum() < 0 || amount.stripTrailingZeros().scale() > 0) {
                throw new alipaykb.facts.InvalidFactException("amount", scope + " counts items: a whole number of"
                        + " 0 or more, got " + alipaykb.facts.Checks.shown(amount));
            }
            return amount;
        }
        return alipaykb.facts.Checks.money(amount, "amount");
    }

    /** Whether the limit counts items rather than CNY. */
    public boolean isCount() {
        return this == RED_ENVELOPES_PER_DAY;
    }
}
