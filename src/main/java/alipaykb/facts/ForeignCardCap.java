package alipaykb.facts;

import java.math.BigDecimal;

/**
 * Reference data: the caps on payments with a foreign card during a period, in a foreign currency.
 *
 * @param perTransaction the most one payment may be
 * @param perYear        the most all foreign-card payments of a year may add up to
 */
public record ForeignCardCap(Period period, String currency, BigDecimal perTransaction, BigDecimal perYear) {
    public ForeignCardCap {
        Checks.required(period, "period");
        Checks.text(currency, "currency");
        Checks.positiveMoney(Checks.decimal(perTransaction, "perTransaction"), "perTransaction");
        Checks.positiveMoney(Checks.decimal(perYear, "perYear"), "perYear");
    }

    /** A row of the caps' table, its amounts written as number literals. */
    public static ForeignCardCap row(Period period, String currency, double perTransaction, double perYear) {
        return new ForeignCardCap(period, currency, Checks.literal(perTransaction, 2, "perTransaction"),
                Checks.literal(perYear, 2, "perYear"));
    }
}
