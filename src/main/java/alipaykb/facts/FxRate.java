package alipaykb.facts;

import java.math.BigDecimal;

/**
 * An exchange rate: how many CNY one unit of {@code currency} buys.
 *
 * @param given true when the profile gave the rate, false when it is the rules' default
 */
public record FxRate(String currency, BigDecimal cnyPerUnit, boolean given) {
    public FxRate {
        Checks.text(currency, "currency");
        if (!currency.matches("[A-Z]{3}")) {
            throw new InvalidFactException("fx." + currency, "is not an ISO 4217 currency code such as USD");
        }
        Checks.decimal(cnyPerUnit, "fx." + currency);
        if (cnyPerUnit.signum() <= 0) {
            throw new InvalidFactException("fx." + currency, "must be more than 0");
        }
    }

    /** A rate given by the rules themselves. */
    public static FxRate byDefault(String currency, String cnyPerUnit) {
        return new FxRate(currency, Checks.decimal(cnyPerUnit, "fx." + currency), false);
    }
}
