package alipaykb.decisions;

import alipaykb.facts.Checks;
import alipaykb.facts.TransactionKind;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A limit in force for the user.
 *
 * @param kind  the transaction kind the limit is about, or null when it counts all kinds together
 * @param value the limit in CNY, or a count for {@link LimitScope#isCount() count} scopes
 * @param basis how the value came about when it was converted (a foreign amount and the rate it was converted at), or null
 */
public record Limit(LimitScope scope, TransactionKind kind, BigDecimal value, String basis, Provenance because) {
    public Limit {
        Objects.requireNonNull(scope, "scope");
        Checks.decimal(value, "value");
        if (value.signum() < 0) {
            throw new IllegalArgumentException("a limit cannot be negative: " + value);
        }
        Objects.requireNonNull(because, "because");
    }

    /** A limit stated in CNY or as a count. */
    public static Limit of(LimitScope scope, TransactionKind kind, String value, Provenance because) {
        return new Limit(scope, kind, Checks.decimal(value, "value"), null, because);
    }

    /** A limit stated in a foreign currency and converted to CNY at a rate. */
    public static Limit converted(LimitScope scope, BigDecimal foreignAmount, String currency, BigDecimal rate,
                                  Provenance because) {
        return new Limit(scope, null, foreignAmount.multiply(rate),
                currency + " " + foreignAmount.toPlainString() + " at " + rate.toPlainString(), because);
    }

    /** Whether spending {@code amount} on top of {@code used} goes past the limit (reaching it exactly does not). */
    public boolean exceededBy(BigDecimal used, BigDecimal amount) {
        return used.add(amount).compareTo(value) > 0;
    }
}
