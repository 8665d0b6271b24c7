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

    /** The limit a row of the tier table sets; its provenance cites the row's source. */
    public static Limit of(TierLimit row, Provenance because) {
        return new Limit(row.scope(), row.kind(), row.amount(), null, because.citing(row.source()));
    }

    /** The limit a row of the feature table sets; its provenance cites the row's source. */
    public static Limit of(FeatureLimit row, Provenance because) {
        return new Limit(row.scope(), row.kind(), row.amount(), null,
                because.citing(row.source()));
    }

    /** A limit stated in a foreign currency and converted to CNY at a rate. */
    public static Limit converted(LimitScope scope, BigDecimal foreignAmount, String currency, BigDecimal rate,
                                  Provenance because) {
        return new Limit(scope, null, foreignAmount.multiply(rate),
                currency + " " + foreignAmount.toPlainString() + " at " + rate.toPlainString(), because);
    }
}
