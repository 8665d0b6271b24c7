package alipaykb.decisions;

import alipaykb.facts.Checks;
import alipaykb.facts.InvalidFactException;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * Reference data: one row of the table of fee percentages.
 *
 * @param above      the fee applies to an amount above this many CNY
 * @param minPercent the lowest percentage of the amount charged
 * @param maxPercent the highest percentage of the amount charged
 * @param source     the policy source the row comes from, as a rule's {@code @source} names it
 */
public record FeeRate(FeeItemCode code, BigDecimal above, BigDecimal minPercent, BigDecimal maxPercent, String source) {
    /** The most decimal places a percentage may have. */
    public static final int PERCENT_DECIMALS = 4;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public FeeRate {
        Objects.requireNonNull(code, "code");
        Checks.money(above, "above");
        Checks.decimal(minPercent, "minPercent");
        Checks.decimal(maxPercent, "maxPercent");
        if (minPercent.signum() < 0 || maxPercent.compareTo(HUNDRED) > 0 || minPercent.compareTo(maxPercent) > 0) {
            throw new InvalidFactException("percent", "must run from 0 to 100 with the lowest first, got "
                    + minPercent.toPlainString() + " to " + maxPercent.toPlainString());
        }
        Checks.text(source, "source");
    }

    /** A row as a rule file writes it: amounts and percentages are number literals, such as {@code 200} and {@code 3}. */
    public static FeeRate row(FeeItemCode code, double above, double minPercent, double maxPercent, String source) {
        return new FeeRate(code, Checks.literal(above, 2, "above"), Checks.literal(minPercent, PERCENT_DECIMALS, "minPercent"),
                Checks.literal(maxPercent, PERCENT_DECIMALS, "maxPercent"), source);
    }
}
