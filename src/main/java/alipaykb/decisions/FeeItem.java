package alipaykb.decisions;

import alipaykb.facts.Checks;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One item of a fee quote. An item without an amount ({@code min} and {@code max} null) says what
 * is charged elsewhere and adds nothing to the quote.
 */
public record FeeItem(String transaction, FeeItemCode code, BigDecimal min, BigDecimal max, String note,
                      Provenance because) {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public FeeItem {
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(code, "code");
        if ((min == null) != (max == null)) {
            throw new IllegalArgumentException("a fee item has both a min and a max, or neither");
        }
        if (min != null && min.compareTo(max) > 0) {
            throw new IllegalArgumentException("a fee item's min " + min + " is above its max " + max);
        }
        Objects.requireNonNull(because, "because");
    }

    /**
     * A fee of a row's percentage range of the amount, each end rounded as the rules say. The note starts with
     * the range ("3%", "1% to 3%"), goes on with the rule's words and ends with the row's threshold, if any.
     */
    public static FeeItem percent(String transaction, FeeRate rate, BigDecimal amount, FeeRounding rounding,
                                  String note, Provenance because) {
        String range = rate.minPercent().compareTo(rate.maxPercent()) == 0 ? rate.minPercent().toPlainString() + "%"
                : rate.minPercent().toPlainString() + "% to " + rate.maxPercent().toPlainString() + "%";
        String threshold = rate.above().signum() > 0 ? " above " + rate.above().toPlainString() + " CNY" : "";
        return new FeeItem(transaction, rate.code(), percentOf(amount, rate.minPercent(), rounding),
                percentOf(amount, rate.maxPercent(), rounding), range + " " + note + threshold,
                because.citing(rate.source()));
    }

    /** An item with no amount: the note says who sets the charge. */
    public static FeeItem noAmount(String transaction, FeeItemCode code, String note, Provenance because) {
        return new FeeItem(transaction, code, null, null, note, because);
    }

    /** Whether the item adds an amount to the quote. */
    public boolean hasAmount() {
        return min != null;
    }

    private static BigDecimal percentOf(BigDecimal amount, BigDecimal percent, FeeRounding rounding) {
        return Checks.decimal(amount, "amount").multiply(percent).divide(HUNDRED)
                .setScale(rounding.decimals(), rounding.mode());
    }
}
