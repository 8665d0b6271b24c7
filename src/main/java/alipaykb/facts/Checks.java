package alipaykb.facts;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

/** Validation shared by the fact records: each failure says which field is wrong and why. */
public final class Checks {
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private Checks() {
    }

    /** A value that must be present. */
    public static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidFactException(field, "is required");
        }
        return value;
    }

    /** A non-blank piece of text. */
    public static String text(String value, String field) {
        required(value, field);
        if (value.isBlank()) {
            throw new InvalidFactException(field, "must not be blank");
        }
        return value;
    }

    /** An ISO 3166 alpha-2 country code such as {@code US} or {@code CN}. */
    public static String country(String value, String field) {
        required(value, field);
        if (!COUNTRIES.contains(value)) {
            throw new InvalidFactException(field, "'" + value + "' is not an ISO 3166 alpha-2 country code (such as US, CN, HK)");
        }
        return value;
    }

    /** An amount of money: zero or more, with at most two decimal places. */
    public static BigDecimal money(BigDecimal value, String field) {
        required(value, field);
        if (value.signum() < 0) {
            throw new InvalidFactException(field, "must not be negative, got " + value.toPlainString());
        }
        if (value.stripTrailingZeros().scale() > 2) {
            throw new InvalidFactException(field, "has more than two decimal places: " + value.toPlainString());
        }
        return value;
    }

    /** An amount of money that must be more than zero. */
    public static BigDecimal positiveMoney(BigDecimal value, String field) {
        money(value, field);
        if (value.signum() == 0) {
            throw new InvalidFactException(field, "must be more than 0");
        }
        return value;
    }

    /** A count that cannot be negative. */
    public static int count(int value, String field) {
        if (value < 0) {
            throw new InvalidFactException(field, "must not be negative, got " + value);
        }
        return value;
    }
}
