package alipaykb.decisions;

import alipaykb.facts.Checks;
import alipaykb.facts.TransactionKind;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * Reference data: one row of the table of limits that come with a feature, on any tier that offers it.
 *
 * @param amount the limit in CNY, or a count for {@link LimitScope#isCount() count} scopes
 * @param source the policy source the row comes from, as a rule's {@code @source} names it
 */
public record FeatureLimit(Feature feature, LimitScope scope, TransactionKind kind, BigDecimal amount, String source) {
    public FeatureLimit {
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(scope, "scope");
        amount = LimitScope.amount(scope, amount);
        Checks.text(source, "source");
    }

    /** A row as a rule file writes it: the amount is a number literal, such as {@code 200}. */
    public static FeatureLimit row(Feature feature, LimitScope scope, TransactionKind kind, double amount, String source) {
        return new FeatureLimit(feature, scope, kind, Checks.literal(amount, 2, "amount"), source);
    }
}
