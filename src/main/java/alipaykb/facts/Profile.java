package alipaykb.facts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything one decision is made from: the user, their cards, what they spent so far and the
 * transactions to judge, at an evaluation date, with the exchange rates the profile gives.
 *
 * @param asOf the evaluation date
 * @param fx   CNY per unit of a foreign currency, for the rates the profile sets (the rules hold the defaults)
 */
public record Profile(
        LocalDate asOf,
        Map<String, BigDecimal> fx,
        User user,
        List<Card> cards,
        Usage usage,
        List<Payment> transactions) {

    public Profile {
        Checks.required(asOf, "asOf");
        Checks.required(user, "user");
        if (fx != null) {
            // Each rate is checked first: a missing one is an error that names it, not a failure to copy it.
            fx.forEach((currency, rate) -> new FxRate(currency, rate, true));
        }
        fx = fx == null ? Map.of() : Map.copyOf(new TreeMap<>(fx));
        cards = cards == null ? List.of() : List.copyOf(cards);
        usage = usage == null ? Usage.none() : usage;
        transactions = transactions == null ? List.of() : List.copyOf(transactions);

        if (cards.size() > Checks.MAX_CARDS) {
            throw new InvalidFactException("cards", "holds " + cards.size() + " cards; a profile may hold at most "
                    + Checks.MAX_CARDS);
        }
        if (transactions.size() > Checks.MAX_TRANSACTIONS) {
            throw new InvalidFactException("transactions", "holds " + transactions.size() + " transactions; a profile "
                    + "may hold at most " + Checks.MAX_TRANSACTIONS);
        }
        Set<String> cardIds = new LinkedHashSet<>();
        for (int i = 0; i < cards.size(); i++) {
            String id = Checks.required(cards.get(i), "cards[" + i + "]").id();
            if (Payment.BALANCE.equals(id) || Payment.WALLET.equals(id)) {
                throw new InvalidFactException("cards[" + i + "].id", "'" + id
                        + "' is reserved: a transaction's via uses it for the " + id + " itself");
            }
            if (!cardIds.add(id)) {
                throw new InvalidFactException("cards[" + i + "].id", "'" + id + "' is used by another card");
            }
        }
        Set<String> paymentIds = new HashSet<>();
        for (int i = 0; i < transactions.size(); i++) {
            Payment payment = Checks.required(transactions.get(i), "transactions[" + i + "]");
            if (!paymentIds.add(payment.id())) {
                throw new InvalidFactException("transactions[" + i + "].id", "'" + payment.id()
                        + "' is used by another transaction");
            }
            if (payment.position() != i + 1) {
                throw new InvalidFactException("transactions[" + i + "]", "is at position " + (i + 1)
                        + " but says " + payment.position());
            }
            if (!isKnownVia(payment.via(), cardIds)) {
                throw new InvalidFactException("transactions[" + i + "].via", "'" + payment.via()
                        + "' names no card (cards: " + (cardIds.isEmpty() ? "none" : String.join(", ", cardIds))
                        + "; or balance, wallet)");
            }
        }
    }

    private static boolean isKnownVia(String via, Set<String> cardIds) {
        return Payment.BALANCE.equals(via) || Payment.WALLET.equals(via) || cardIds.contains(via);
    }

    /** A builder of a profile, with the scenario format's defaults: no cards, nothing spent, no transactions. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link Profile} field by field. Transactions take their position from the order they are added
     * in. Not thread-safe; the profile it builds is immutable and validated by {@link #build()}.
     */
    public static final class Builder {
        private LocalDate asOf;
        private final Map<String, BigDecimal> fx = new TreeMap<>();
        private User user;
        private final List<Card> cards = new java.util.ArrayList<>();
        private Usage usage = Usage.none();
        private final List<Payment> transactions = new java.util.ArrayList<>();

        private Builder() {
        }

        /** The evaluation date; required, as in a scenario file (where it defaults to the day of the run). */
        public Builder asOf(LocalDate day) {
            this.asOf = day;
            return this;
        }

        /** A rate the profile gives: CNY per unit of a currency (the rules hold the defaults). */
        public Builder fx(String currency, BigDecimal cnyPerUnit) {
            fx.put(currency, cnyPerUnit);
            return this;
        }

        /** The user; required. */
        public Builder user(User person) {
            this.user = person;
            return this;
        }

        /** One more card. */
        public Builder card(Card card) {
            cards.add(card);
            return this;
        }

        /** What was spent before these transactions; default nothing. */
        public Builder usage(Usage spent) {
            this.usage = spent;
            return this;
        }

        /**
         * One more transaction, judged after those added before it.
         *
         * @param via a card's id, {@link Payment#BALANCE} or {@link Payment#WALLET}
         */
        public Builder payment(String id, TransactionKind kind, BigDecimal amount, String via) {
            transactions.add(new Payment(id, transactions.size() + 1, kind, amount, via));
            return this;
        }

        /**
         * The profile.
         *
         * @throws InvalidFactException naming the field, when a value is missing or wrong
         */
        public Profile build() {
            return new Profile(asOf, fx, user, cards, usage, transactions);
        }
    }
}
