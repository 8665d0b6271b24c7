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
}
