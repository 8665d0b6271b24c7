package alipaykb.decisions;

import alipaykb.facts.TransactionKind;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The outcome for one transaction: its verdict with every reason, and the fee quote when allowed.
 *
 * @param fee the fee quote, or null when the transaction is denied
 */
public record TransactionResult(String id, TransactionKind kind, BigDecimal amount, String via, Outcome outcome,
                                List<DenyReason> reasons, FeeQuote fee, Provenance because) {
    public TransactionResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(outcome, "outcome");
        reasons = List.copyOf(reasons);
    }
}
