package alipaykb.facts;

/**
 * Card numbers are secrets: this is the only place that sees one whole. It checks the number and
 * keeps nothing but its last four digits; no message it writes contains more than those four.
 */
public final class CardNumber {
    private CardNumber() {
    }

    /**
     * Checks a card number (digits, optionally grouped by spaces or dashes) and returns its last four digits.
     *
     * @throws IllegalArgumentException when it is not 12 to 19 digits or fails the Luhn check
     */
    public static String lastFour(String number) {
        if (number == null) {
            return null;
        }
        StringBuilder digits = new StringBuilder(19);
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c != ' ' && c != '-') {
                throw new InvalidFactException("number", "must hold only digits, spaces or dashes");
            }
        }
        int n = digits.length();
        String tail = n >= 4 ? digits.substring(n - 4) : "";
        if (n < 12 || n > 19) {
            throw new InvalidFactException("number", "must have 12 to 19 digits, got " + n
                    + (tail.isEmpty() ? "" : " (ending " + tail + ")"));
        }
        if (!passesLuhn(digits)) {
            throw new InvalidFactException("number", "ending " + tail + " fails the Luhn check: a digit is wrong or missing");
        }
        return tail;
    }

    private static boolean passesLuhn(CharSequence digits) {
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    /**
     * Text that may quote what a user wrote, made safe to show: every run of 12 or more digits (a card number,
     * perhaps, in any digit script and grouped by spaces, dashes, dots or invisible characters) is cut to its
     * last four, and control and invisible characters are written as {@code U+XXXX} codes. Error messages pass
     * through here before anyone sees them; it is {@link SafeText#of(CharSequence)}.
     */
    public static String maskIn(String text) {
        return SafeText.of(text);
    }
}
