package alipaykb.facts;

import java.math.BigDecimal;

/** Reference data: the yearly total a user without verification may spend during a period, in a foreign currency. */
public record NoIdAllowance(Period period, String currency, BigDecimal perYear) {
    public NoIdAllowance {
        Checks.required(period, "period");
        Checks.text(currency, "currency");
        Checks.positiveMoney(Checks.decimal(perYear, "perYear"), "perYear");
    }

    /** A row of the allowances' table, its amount written as a number literal. */
    public static NoIdAllowance row(Period period, String currency, double perYear) {
        return new NoIdAllowance(period, currency, Checks.literal(perYear, 2, "perYear"));
    }
}
