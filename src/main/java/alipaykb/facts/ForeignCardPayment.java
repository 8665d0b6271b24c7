package alipaykb.facts;

/** A classification the rules derive: the transaction is paid with a foreign card. */
public record ForeignCardPayment(String transaction) {
    public ForeignCardPayment {
        Checks.text(transaction, "transaction");
    }
}
