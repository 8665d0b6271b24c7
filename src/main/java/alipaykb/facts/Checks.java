package alipaykb.facts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Validation shared by the fact records: each failure says which field is wrong and why. */
public final class Checks {
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private Checks() {
    }

    /** A value that must be present. */
    /**
     * An unmodifiable copy of a list whose every element is of the given type: rules build lists with
     * {@code List.of(...)}, whose element type Java does not check when the code runs.
     */
    public static <T> List<T> listOf(List<?> values, Class<T> type, String field) {
        required(values, field);
        List<T> copy = new java.util.ArrayList<>(values.size());
        for (Object value : values) {
            if (!type.isInstance(value)) {
                throw new InvalidFactException(field, "holds " + (value == null ? "null" : "a " + value.getClass().getSimpleName())
                        + " where a " + type.getSimpleName() + " belongs");
            }
            copy.add(type.cast(value));
        }
        return List.copyOf(copy);
    }

    public static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidFactException(field, "is required");
        }
        return value;
    }

    /** The longest id (of a card or a transaction). */
    public static final int MAX_ID = 64;
    /** The longest free text (an issuer's name). */
    public static final int MAX_TEXT = 200;
    /**
     * The most digits an amount may have before its decimal point: 999,999,999.99 at most. With its two decimals
     * an amount is then never 12 digits in a row, which every output would mask as a card number.
     */
    public static final int MAX_WHOLE_DIGITS = 9;
    /** The most cards a profile may hold. */
    public static final int MAX_CARDS = 20;
    /** The most transactions a profile may hold. */
    public static final int MAX_TRANSACTIONS = 200;
    /** The most digits a total spent may have before its decimal point. */
    public static final int MAX_TOTAL_WHOLE_DIGITS = 15;
    /** The most digits an exchange rate may have before its decimal point. */
    public static final int MAX_RATE_WHOLE_DIGITS = 4;
    /** The most decimals an exchange rate may have. */
    public static final int MAX_RATE_DECIMALS = 6;

    /** A non-blank piece of text. */
    public static String text(String value, String field) {
        required(value, field);
        if (value.isBlank()) {
            throw new InvalidFactException(field, "must not be blank");
        }
        return value;
    }

    /**
     * An id: non-blank, at most {@value #MAX_ID} characters, printable, without control characters or the
     * invisible characters (zero-width, direction overrides) that make two ids look alike.
     */
    public static String id(String value, String field) {
        text(value, field);
        return printable(value, field, MAX_ID);
    }

    /** Free text, when given: at most {@value #MAX_TEXT} characters, without control or invisible characters. */
    public static String freeText(String value, String field) {
        if (value != null && value.isBlank()) {
            throw new InvalidFactException(field, "is empty: give a text, or leave the field out");
        }
        return value == null ? null : printable(value, field, MAX_TEXT);
    }

    private static String printable(String value, String field, int max) {
        if (value.length() > max) {
            throw new InvalidFactException(field, "is " + value.length() + " characters long; at most " + max);
        }
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            // The characters every output writes as codes are the ones refused here: one definition.
            if (SafeText.escaped(c) || c == '\n') {
                throw new InvalidFactException(field, String.format("holds the invisible or control character U+%04X at "
                        + "position %d; use visible characters only", c, i + 1));
            }
            i += Character.charCount(c);
        }
        return value;
    }

    /** The most significant digits, and the most decimals, a number of the policy may have. */
    public static final int MAX_DECIMAL_DIGITS = 30;

    /**
     * A number written as text, such as a limit or a percentage in a rule: at most
     * {@value #MAX_DECIMAL_DIGITS} digits and decimals, so that no computation with it can run away.
     */
    public static BigDecimal decimal(String text, String field) {
        required(text, field);
        if (text.length() > 2 * MAX_DECIMAL_DIGITS + 2) {
            throw new InvalidFactException(field, "'" + text.substring(0, 20) + "...' is too long for a number");
        }
        try {
            return decimal(new BigDecimal(text.strip()), field);
        } catch (NumberFormatException e) {
            throw new InvalidFactException(field, "'" + text + "' is not a number");
        }
    }

    /**
     * A number a rule file writes as a Java literal, such as {@code 1000} or {@code 7.20}: the compiler has
     * checked that it is a number. It becomes the decimal with at most {@code maxDecimals} places that reads
     * back as the same literal, so {@code 7.20} is exactly 7.2 and never 7.2000000000000001776. A literal
     * with more places than that (or more than 15 significant digits, which no literal of the policy needs)
     * is refused.
     */
    public static BigDecimal literal(double value, int maxDecimals, String field) {
        if (!Double.isFinite(value)) {
            throw new InvalidFactException(field, "is not a finite number");
        }
        BigDecimal decimal = new BigDecimal(value).setScale(maxDecimals, RoundingMode.HALF_EVEN);
        if (decimal.doubleValue() != value || decimal.precision() > MAX_LITERAL_DIGITS) {
            throw new InvalidFactException(field, "must be written with at most " + maxDecimals + " decimal places and "
                    + MAX_LITERAL_DIGITS + " digits, got " + shown(new BigDecimal(Double.toString(value))));
        }
        decimal = decimal.stripTrailingZeros();
        return decimal.scale() < 0 ? decimal.setScale(0) : decimal;
    }

    /** The most significant digits a number literal in a rule file may have: what a double holds exactly. */
    public static final int MAX_LITERAL_DIGITS = 15;

    /** A number of at most {@value #MAX_DECIMAL_DIGITS} digits and decimals. */
    public static BigDecimal decimal(BigDecimal value, String field) {
        required(value, field);
        if (value.precision() - value.scale() > MAX_DECIMAL_DIGITS || value.scale() > MAX_DECIMAL_DIGITS) {
            throw new InvalidFactException(field, "has more than " + MAX_DECIMAL_DIGITS + " digits or decimals");
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

    /**
     * A number as a message shows it: written out in full when it is short, else in scientific notation, so
     * that a message about {@code 1e-999999999} is not a billion characters long.
     */
    public static String shown(BigDecimal value) {
        if (value == null) {
            return "null";
        }
        return value.precision() <= 40 && Math.abs((long) value.scale()) <= 40 ? value.toPlainString() : value.toString();
    }

    /** An amount of money: zero or more, with at most two decimal places. */
    public static BigDecimal money(BigDecimal value, String field) {
        return money(value, field, MAX_WHOLE_DIGITS);
    }

    /**
     * A total of money spent: as {@link #money(BigDecimal, String)}, with up to {@value #MAX_TOTAL_WHOLE_DIGITS}
     * digits before the point, room for the sums of many payments.
     */
    public static BigDecimal total(BigDecimal value, String field) {
        return money(value, field, MAX_TOTAL_WHOLE_DIGITS);
    }

    private static BigDecimal money(BigDecimal value, String field, int wholeDigits) {
        required(value, field);
        if (value.signum() < 0) {
            throw new InvalidFactException(field, "must not be negative, got " + shown(value));
        }
        if (value.precision() - value.scale() > wholeDigits) {
            throw new InvalidFactException(field, "is too large: at most " + wholeDigits + " digits before the "
                    + "decimal point");
        }
        if (value.stripTrailingZeros().scale() > 2) {
            throw new InvalidFactException(field, "has more than two decimal places: " + shown(value));
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
