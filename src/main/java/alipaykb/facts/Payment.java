package alipaykb.facts;

import java.math.BigDecimal;

/**
 * A transaction to judge. Transactions are judged in the order given: {@code position} counts from 1.
 *
 * @param via a card id, {@code balance}, or {@code wallet} for the user's regional wallet
 */
public record Payment(String id, int position, TransactionKind kind, BigDecimal amount, String via) {
    /** The {@code via} of a payment from the Alipay balance. */
    public static final String BALANCE = "balance";
    /** The {@code via} of a payment through the user's regional wallet. */
    public static final String WALLET = "wallet";

    public Payment {
        Checks.id(id, "id");
        if (position < 1) {
            throw new IllegalArgumentException("position must be 1 or more");
        }
        Checks.required(kind, "kind");
        Checks.positiveMoney(amount, "amount");
        Checks.id(via, "via");
    }
}
