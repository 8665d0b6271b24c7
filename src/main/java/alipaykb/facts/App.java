package alipaykb.facts;

/** Which Alipay app the user runs. */
public enum App {
    /** Mainland Alipay. */
    MAINLAND,
    /** A regional edition of Alipay or an Alipay+ wallet. */
    REGIONAL,
    /** No Alipay app yet. */
    NONE
}
