package alipaykb.facts;

import java.math.BigDecimal;

/** Reference data: the yearly total a user without verification may spend during a period, in a foreign currency. */
public record NoIdAllowance(Period period, String currency, BigDecimal perYear) {
    public NoIdAllowance {
        Checks.required(period, "period");
        Checks.text(currency, "currency");
        Checks.positiveMoney(Checks.decimal(perYear, "perYear"), "perYear");
    }
}
