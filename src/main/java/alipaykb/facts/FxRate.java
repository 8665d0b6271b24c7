package alipaykb.facts;

import java.math.BigDecimal;

/**
 * An exchange rate: how many CNY one unit of {@code currency} buys.
 *
 * @param given true when the profile gave the rate, false when it is the rules' default
 */
public record FxRate(String currency, BigDecimal cnyPerUnit, boolean given) {
    private static final java.util.regex.Pattern CURRENCY = java.util.regex.Pattern.compile("[A-Z]{3}");

    public FxRate {
        Checks.text(currency, "currency");
        if (!CURRENCY.matcher(currency).matches()) {
            throw new InvalidFactException("fx." + currency, "is not an ISO 4217 currency code such as USD");
        }
        Checks.decimal(cnyPerUnit, "fx." + currency);
        if (cnyPerUnit.signum() <= 0) {
            throw new InvalidFactException("fx." + currency, "must be more than 0");
        }
        if (cnyPerUnit.precision() - cnyPerUnit.scale() > Checks.MAX_RATE_WHOLE_DIGITS
                || cnyPerUnit.stripTrailingZeros().scale() > Checks.MAX_RATE_DECIMALS) {
            throw new InvalidFactException("fx." + currency, "must be a rate of at most " + Checks.MAX_RATE_WHOLE_DIGITS
                    + " digits before the decimal point and " + Checks.MAX_RATE_DECIMALS + " after it, such as 7.2 or "
                    + "0.000452");
        }
    }

    /** The rules' rate for a currency, written as a number literal such as {@code 7.20}; shown with two decimals at least. */
    public static FxRate byDefault(String currency, double cnyPerUnit) {
        BigDecimal rate = Checks.literal(cnyPerUnit, Checks.MAX_RATE_DECIMALS, "fx." + currency);
        return new FxRate(currency, rate.scale() < 2 ? rate.setScale(2) : rate, false);
    }
}
