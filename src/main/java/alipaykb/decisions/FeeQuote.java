package alipaykb.decisions;

import alipaykb.facts.Checks;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** What an allowed transaction will cost: the sum of its items' amounts, as a range. */
public record FeeQuote(String transaction, BigDecimal min, BigDecimal max, List<FeeItem> items, Provenance because) {
    public FeeQuote {
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        items = Checks.listOf(items, FeeItem.class, "items");
        Objects.requireNonNull(because, "because");
    }

    /** The quote that sums the items of one transaction. */
    public static FeeQuote of(String transaction, Collection<FeeItem> items, Provenance because) {
        List<FeeItem> mine = items.stream()
                .filter(item -> item.transaction().equals(transaction))
                .sorted(Comparator.comparing(FeeItem::code))
                .toList();
        BigDecimal min = BigDecimal.ZERO.setScale(2);
        BigDecimal max = BigDecimal.ZERO.setScale(2);
        for (FeeItem item : mine) {
            if (item.hasAmount()) {
                min = min.add(item.min());
                max = max.add(item.max());
            }
        }
        return new FeeQuote(transaction, min, max, mine, because);
    }
}
