package alipaykb.facts;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.EnumSet;

/**
 * What the user has spent so far, as it stands when the payment at {@code nextPayment} is judged.
 * An allowed payment yields the usage the next one is judged with; a denied one changes no amount.
 *
 * @param today                CNY spent today, per transaction kind
 * @param redEnvelopesToday    red envelopes sent today
 * @param thisMonth            CNY spent this month, all kinds
 * @param thisYear             CNY spent this year, all kinds
 * @param foreignCardsThisYear CNY paid with foreign cards this year
 * @param nextPayment          the position of the payment this usage is judged against
 */
public record Usage(
        Map<TransactionKind, BigDecimal> today,
        int redEnvelopesToday,
        BigDecimal thisMonth,
        BigDecimal thisYear,
        BigDecimal foreignCardsThisYear,
        int nextPayment) {

    public Usage {
        Map<TransactionKind, BigDecimal> copy = new EnumMap<>(TransactionKind.class);
        if (today != null) {
            today.forEach((kind, amount) -> copy.put(Checks.required(kind, "today's kind"),
                    Checks.total(amount, "today." + kind)));
        }
        today = Map.copyOf(copy);
        Checks.count(redEnvelopesToday, "redEnvelopesToday");
        thisMonth = Checks.total(thisMonth == null ? BigDecimal.ZERO : thisMonth, "thisMonth");
        thisYear = Checks.total(thisYear == null ? BigDecimal.ZERO : thisYear, "thisYear");
        foreignCardsThisYear = Checks.total(foreignCardsThisYear == null ? BigDecimal.ZERO : foreignCardsThisYear,
                "foreignCardsThisYear");
        if (nextPayment < 1) {
            throw new IllegalArgumentException("nextPayment must be 1 or more");
        }
    }

    /** Usage with nothing spent, before the first payment. */
    public static Usage none() {
        return new Usage(Map.of(), 0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 1);
    }

    /** CNY spent today on one kind of transaction. */
    public BigDecimal today(TransactionKind kind) {
        return today.getOrDefault(kind, BigDecimal.ZERO);
    }

    /** CNY spent today, all kinds together. */
    public BigDecimal todayTotal() {
        BigDecimal total = BigDecimal.ZERO;
        for (BigDecimal amount : today.values()) {
            total = total.add(amount);
        }
        return total;
    }

    /**
     * The usage after an allowed payment: it counts toward the totals the rules listed for it, as
     * {@link CountsToward} facts of its transaction, each once. The amount adds to a total of CNY and a
     * count total counts one.
     */
    public Usage afterAllowed(Payment payment, List<?> countsToward) {
        Set<UsageTotal> totals = EnumSet.noneOf(UsageTotal.class);
        for (Object fact : countsToward) {
            if (fact instanceof CountsToward counts && counts.transaction().equals(payment.id())) {
                totals.add(counts.total());
            }
        }
        BigDecimal amount = payment.amount();
        Map<TransactionKind, BigDecimal> nextToday = new EnumMap<>(TransactionKind.class);
        nextToday.putAll(today);
        if (totals.contains(UsageTotal.TODAY_BY_KIND)) {
            nextToday.merge(payment.kind(), amount, BigDecimal::add);
        }
        return new Usage(nextToday,
                redEnvelopesToday + (totals.contains(UsageTotal.RED_ENVELOPES_TODAY) ? 1 : 0),
                totals.contains(UsageTotal.THIS_MONTH) ? thisMonth.add(amount) : thisMonth,
                totals.contains(UsageTotal.THIS_YEAR) ? thisYear.add(amount) : thisYear,
                totals.contains(UsageTotal.FOREIGN_CARDS_THIS_YEAR) ? foreignCardsThisYear.add(amount) : foreignCardsThisYear,
                payment.position() + 1);
    }

    /** The usage after a denied payment: nothing spent, the next payment is judged. */
    public Usage afterDenied(Payment payment) {
        return new Usage(today, redEnvelopesToday, thisMonth, thisYear, foreignCardsThisYear, payment.position() + 1);
    }

    /** The same usage, ready to judge the payment at the given position. */
    public Usage judging(int position) {
        return new Usage(today, redEnvelopesToday, thisMonth, thisYear, foreignCardsThisYear, position);
    }
}
