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
}
