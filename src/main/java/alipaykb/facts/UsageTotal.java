package alipaykb.facts;

/** The totals of {@link Usage} an allowed payment can count toward. */
public enum UsageTotal {
    /** CNY spent today on the payment's kind of transaction. */
    TODAY_BY_KIND,
    /** Red envelopes sent today: the payment counts one. */
    RED_ENVELOPES_TODAY,
    /** CNY spent this month. */
    THIS_MONTH,
    /** CNY spent this year. */
    THIS_YEAR,
    /** CNY paid with foreign cards this year. */
    FOREIGN_CARDS_THIS_YEAR
}
