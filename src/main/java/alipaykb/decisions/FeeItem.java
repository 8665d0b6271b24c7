package alipaykb.decisions;

import alipaykb.facts.Checks;
import java.math.BigDecimal;
import java.math.RoundingMode;
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

    /** A fee of a percentage range of the amount, each end rounded half-up to the fen. */
    public static FeeItem percent(String transaction, FeeItemCode code, BigDecimal amount, String minPercent,
                                  String maxPercent, String note, Provenance because) {
        return new FeeItem(transaction, code, percentOf(amount, minPercent), percentOf(amount, maxPercent), note,
                because);
    }

    /** An item with no amount: the note says who sets the charge. */
    public static FeeItem noAmount(String transaction, FeeItemCode code, String note, Provenance because) {
        return new FeeItem(transaction, code, null, null, note, because);
    }

    /** Whether the item adds an amount to the quote. */
    public boolean hasAmount() {
        return min != null;
    }

    private static BigDecimal percentOf(BigDecimal amount, String percent) {
        return Checks.decimal(amount, "amount").multiply(Checks.decimal(percent, "percent")).divide(HUNDRED)
                .setScale(2, RoundingMode.HALF_UP);
    }
}
