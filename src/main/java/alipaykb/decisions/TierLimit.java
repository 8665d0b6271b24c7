package alipaykb.decisions;

import alipaykb.facts.Checks;
import alipaykb.facts.TransactionKind;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * Reference data: one row of the table of limits by tier.
 *
 * @param kind   the transaction kind the limit is about, or {@link #ALL_KINDS} when it counts every kind together
 * @param amount the limit in CNY, or a count for {@link LimitScope#isCount() count} scopes
 * @param source the policy source the row comes from, as a rule's {@code @source} names it
 */
public record TierLimit(TierCode tier, LimitScope scope, TransactionKind kind, BigDecimal amount, String source) {
    /** The kind column of a limit that counts every kind of transaction together. */
    public static final TransactionKind ALL_KINDS = null;

    public TierLimit {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(scope, "scope");
        amount = LimitScope.amount(scope, amount);
        Checks.text(source, "source");
    }

    /** A row as a rule file writes it: the amount is a number literal, such as {@code 1000}. */
    public static TierLimit row(TierCode tier, LimitScope scope, TransactionKind kind, double amount, String source) {
        return new TierLimit(tier, scope, kind, Checks.literal(amount, 2, "amount"), source);
    }
}
