package alipaykb.engine;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.objectweb.asm.Type;

/**
 * {@code BigDecimal} arithmetic as rule code gets it: the same results, but a number with more than
 * {@value #MAX_DIGITS} digits, or a scale beyond that, is refused before it is computed with, so that
 * a rule cannot spend minutes and gigabytes on one sum. Calls in rule code are redirected here when
 * the rules are loaded; rule files write ordinary {@code BigDecimal} calls.
 */
public final class RuleArithmetic {
    /** The most digits, and the largest scale, that a number in rule code may have. */
    public static final int MAX_DIGITS = 1_000;

    /** The BigDecimal methods that go through here, by name. */
    static final Set<String> GUARDED = Arrays.stream(RuleArithmetic.class.getDeclaredMethods())
            .filter(m -> Modifier.isPublic(m.getModifiers()) && m.getParameterCount() > 0
                    && m.getParameterTypes()[0] == BigDecimal.class)
            .map(Method::getName).collect(Collectors.toUnmodifiableSet());

    /** The exact BigDecimal methods that go through here, as name and descriptor of the instance method. */
    static final Set<String> SIGNATURES = Arrays.stream(RuleArithmetic.class.getDeclaredMethods())
            .filter(m -> Modifier.isPublic(m.getModifiers()) && m.getParameterCount() > 0
                    && m.getParameterTypes()[0] == BigDecimal.class)
            .map(m -> m.getName() + "(" + Arrays.stream(m.getParameterTypes()).skip(1).map(Type::getDescriptor)
                    .collect(Collectors.joining()) + ")" + Type.getDescriptor(m.getReturnType()))
            .collect(Collectors.toUnmodifiableSet());

    private RuleArithmetic() {
    }

    private static BigDecimal small(BigDecimal number) {
        if (number != null && (number.precision() > MAX_DIGITS || Math.abs((long) number.scale()) > MAX_DIGITS)) {
            throw new ArithmeticException("a number in a rule has more than " + MAX_DIGITS
                    + " digits or decimals, too large to compute with");
        }
        return number;
    }

    /** The text of {@code new BigDecimal(text)}, refused when it writes a number too large. */
    public static String checked(String text) {
        if (text != null && text.length() <= MAX_DIGITS) {
            small(new BigDecimal(text));
        } else if (text != null) {
            throw new ArithmeticException("a number in a rule has more than " + MAX_DIGITS + " characters");
        }
        return text;
    }

    public static BigDecimal add(BigDecimal a, BigDecimal b) {
        return small(small(a).add(small(b)));
    }

    public static BigDecimal subtract(BigDecimal a, BigDecimal b) {
        return small(small(a).subtract(small(b)));
    }

    public static BigDecimal multiply(BigDecimal a, BigDecimal b) {
        return small(small(a).multiply(small(b)));
    }

    public static BigDecimal divide(BigDecimal a, BigDecimal b, RoundingMode rounding) {
        return small(small(a).divide(small(b), rounding));
    }

    public static BigDecimal divide(BigDecimal a, BigDecimal b, int scale, RoundingMode rounding) {
        if (Math.abs(scale) > MAX_DIGITS) {
            throw new ArithmeticException("a scale in a rule is beyond " + MAX_DIGITS);
        }
        return small(small(a).divide(small(b), scale, rounding));
    }

    public static BigDecimal setScale(BigDecimal a, int scale, RoundingMode rounding) {
        if (Math.abs(scale) > MAX_DIGITS) {
            throw new ArithmeticException("a scale in a rule is beyond " + MAX_DIGITS);
        }
        return small(small(a).setScale(scale, rounding));
    }

    public static BigDecimal negate(BigDecimal a) {
        return small(a).negate();
    }

    public static BigDecimal abs(BigDecimal a) {
        return small(a).abs();
    }

    public static BigDecimal max(BigDecimal a, BigDecimal b) {
        return small(a).max(small(b));
    }

    public static BigDecimal min(BigDecimal a, BigDecimal b) {
        return small(a).min(small(b));
    }

    public static int compareTo(BigDecimal a, BigDecimal b) {
        return small(a).compareTo(small(b));
    }

    public static int signum(BigDecimal a) {
        return small(a).signum();
    }

    public static String toPlainString(BigDecimal a) {
        return small(a).toPlainString();
    }

    public static String toString(BigDecimal a) {
        return small(a).toString();
    }

    public static int intValue(BigDecimal a) {
        return small(a).intValue();
    }

    public static long longValue(BigDecimal a) {
        return small(a).longValue();
    }
}
