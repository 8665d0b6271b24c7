package alipaykb.scenario;

import alipaykb.facts.Checks;

/**
 * Numbers in an input are judged on their text, before anything turns them into a value: a number written
 * with an exponent, or with more digits than any field allows, is refused there, so that no input can make
 * the program expand {@code 1e-999999999} into a billion digits.
 */
final class NumberText {
    /** The most digits any number in an input may have before its point; fields allow fewer. */
    static final int MOST_WHOLE_DIGITS = 15;

    private NumberText() {
    }

    /** What is wrong with a number as written, or null when it is a plain number within the limits. */
    static String problem(String text) {
        int whole = 0;
        int fraction = 0;
        boolean point = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (point) {
                    fraction++;
                } else {
                    whole++;
                }
            } else if (c == 'e' || c == 'E') {
                return "is written with an exponent; write the number in plain digits, such as 1000 or 0.25";
            } else if (c == '.') {
                point = true;
            }
        }
        int leadingZeros = 0;
        for (int i = 0; i < text.length() && whole - leadingZeros > 1; i++) {
            char c = text.charAt(i);
            if (c == '0') {
                leadingZeros++;
            } else if (c >= '1' && c <= '9' || c == '.') {
                break;
            }
        }
        if (whole - leadingZeros > MOST_WHOLE_DIGITS || fraction > Checks.MAX_DECIMAL_DIGITS) {
            return "has more digits than a number here may have: at most " + MOST_WHOLE_DIGITS
                    + " before the decimal point and " + Checks.MAX_DECIMAL_DIGITS + " after it";
        }
        return null;
    }

    /** A JSON pointer such as {@code /transactions/0/amount} written as a field: {@code transactions[0].amount}. */
    static String field(String pointer) {
        StringBuilder field = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            String name = part.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(Character::isDigit) && field.length() > 0) {
                field.append('[').append(name).append(']');
            } else {
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(name);
            }
        }
        return field.toString();
    }
}
