package alipaykb.engine;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.objectweb.asm.Type;

/**
 * The values rule code may make, kept small so that no single step of a rule can spend minutes or
 * gigabytes: {@code BigDecimal} arithmetic as rule code gets it (the same results, but a number with
 * more than {@value #MAX_DIGITS} digits, or a scale beyond that, is refused before it is computed
 * with), every number a call or constructor returns to rule code, texts of at most
 * {@value #MAX_TEXT} characters, and collections that hold no collections. Rule files write ordinary
 * Java; the calls are redirected here, or their results passed through here, when the rules load.
 * Not for rule files, which may not call it.
 */
public final class RuleGuards {
    /** The most digits, and the largest scale, that a number in rule code may have. */
    public static final int MAX_DIGITS = 1_000;

    /** The BigDecimal methods that go through here, by name (the checks below take no BigDecimal first). */
    static final Set<String> GUARDED = Arrays.stream(RuleGuards.class.getDeclaredMethods())
            .filter(m -> Modifier.isPublic(m.getModifiers()) && m.getParameterCount() > 0
                    && m.getParameterTypes()[0] == BigDecimal.class && !m.getName().startsWith("checked"))
            .map(Method::getName).collect(Collectors.toUnmodifiableSet());

    /** The exact BigDecimal methods that go through here, as name and descriptor of the instance method. */
    static final Set<String> SIGNATURES = Arrays.stream(RuleGuards.class.getDeclaredMethods())
            .filter(m -> Modifier.isPublic(m.getModifiers()) && m.getParameterCount() > 0
                    && m.getParameterTypes()[0] == BigDecimal.class && !m.getName().startsWith("checked"))
            .map(m -> m.getName() + "(" + Arrays.stream(m.getParameterTypes()).skip(1).map(Type::getDescriptor)
                    .collect(Collectors.joining()) + ")" + Type.getDescriptor(m.getReturnType()))
            .collect(Collectors.toUnmodifiableSet());

    /** The longest text rule code may make. */
    public static final int MAX_TEXT = 10_000;

    private RuleGuards() {
    }

    private static BigDecimal small(BigDecimal number) {
        if (number != null && (number.precision() > MAX_DIGITS || Math.abs((long) number.scale()) > MAX_DIGITS)) {
            throw new ArithmeticException("a number in a rule has more than " + MAX_DIGITS
                    + " digits or decimals, too large to compute with");
        }
        return number;
    }

    /** A number a call or constructor gave rule code, refused when it is too large. */
    public static BigDecimal checkedNumber(BigDecimal number) {
        return small(number);
    }

    /** A text rule code made, refused when it is too long. */
    public static String checkedText(String text) {
        if (text != null && text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("a text in a rule is longer than " + MAX_TEXT + " characters");
        }
        return text;
    }

    /** A collection a call gave rule code, refused when it holds collections, maps or arrays. */
    public static Object checkedCollection(Object collection) {
        Iterable<?> elements = collection instanceof Map<?, ?> map ? map.entrySet() : (Iterable<?>) collection;
        if (elements == null) {
            return null;
        }
        for (Object element : elements) {
            Object value = element instanceof Map.Entry<?, ?> entry ? entry.getKey() : element;
            Object other = element instanceof Map.Entry<?, ?> entry ? entry.getValue() : null;
            if (nested(value) || nested(other)) {
                throw new IllegalArgumentException("a collection in a rule may not hold collections, maps or arrays");
            }
        }
        return collection;
    }

    private static boolean nested(Object value) {
        return value instanceof java.util.Collection<?> || value instanceof Map<?, ?> || value instanceof Object[];
    }

    public static BigDecimal add(BigDecimal a, BigDecimal b) {
        return small(small(a).add(small(b)));
    }

    /**
     * {@code a + b} as a condition computes it: a condition's {@code $spent + $amount > value} adds with a
     * math context, which bounds the digits of the result.
     */
    public static BigDecimal add(BigDecimal a, BigDecimal b, java.math.MathContext context) {
        return small(small(a).add(small(b), context));
    }

    /** {@code a - b} as a condition computes it, with a math context. */
    public static BigDecimal subtract(BigDecimal a, BigDecimal b, java.math.MathContext context) {
        return small(small(a).subtract(small(b), context));
    }

    /** {@code a * b} as a condition computes it, with a math context. */
    public static BigDecimal multiply(BigDecimal a, BigDecimal b, java.math.MathContext context) {
        return small(small(a).multiply(small(b), context));
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
