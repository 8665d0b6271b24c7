package alipaykb.engine;

import alipaykb.facts.App;
import alipaykb.facts.Card;
import alipaykb.facts.CardType;
import alipaykb.facts.Document;
import alipaykb.facts.Network;
import alipaykb.facts.Payment;
import alipaykb.facts.Profile;
import alipaykb.facts.TransactionKind;
import alipaykb.facts.Usage;
import alipaykb.facts.User;
import alipaykb.facts.Verification;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.time.api.Dates;

/**
 * Generators of random but valid profiles for the property tests: every value is one the facts accept,
 * every {@code via} names a card of the profile, {@code balance} or {@code wallet}, and every amount is CNY
 * with two decimals.
 */
final class ProfileArbitraries {
    /** The countries users live in and cards are issued in: with and without a regional wallet, and CN. */
    static final List<String> COUNTRIES = List.of("US", "GB", "HK", "SG", "KR", "TH", "CN");

    /** The dates the policy changes at: caps and the no-ID total on 2024-03-01, American Express on 2025-02-25. */
    static final List<LocalDate> POLICY_DATES = List.of(
            LocalDate.of(2024, 2, 29), LocalDate.of(2024, 3, 1),
            LocalDate.of(2025, 2, 24), LocalDate.of(2025, 2, 25));

    private ProfileArbitraries() {
    }

    /** Profiles with 0 to 3 cards and 1 to 4 transactions. */
    static Arbitrary<Profile> profiles() {
        return profiles(0, 3, 1, 4);
    }

    /** Profiles with the given numbers of cards and transactions. */
    static Arbitrary<Profile> profiles(int minCards, int maxCards, int minTransactions, int maxTransactions) {
        return cards(minCards, maxCards).flatMap(cards -> Combinators.combine(
                        asOfDates(), users(Arbitraries.of(Verification.class)), usages(),
                        transactions(cards, minTransactions, maxTransactions))
                .as((asOf, user, usage, transactions) -> new Profile(asOf, Map.of(), user, cards, usage, transactions)));
    }

    /** Evaluation dates on both sides of 2024-03-01 and 2025-02-25, the days themselves more often. */
    static Arbitrary<LocalDate> asOfDates() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of(POLICY_DATES)),
                Tuple.of(2, Dates.dates().between(LocalDate.of(2023, 7, 1), LocalDate.of(2026, 6, 30))));
    }

    /** Users of any residence, app, documents and flags, with a verification from the given ones. */
    static Arbitrary<User> users(Arbitrary<Verification> verifications) {
        Arbitrary<List<Boolean>> flags = Arbitraries.of(true, false).list().ofSize(5);
        return Combinators.combine(Arbitraries.of(COUNTRIES), Arbitraries.of(App.class), verifications,
                        Arbitraries.subsetOf(Document.values()), flags)
                .as((residence, app, verification, documents, f) -> new User(residence, f.get(0), app, verification,
                        f.get(1), f.get(2), f.get(3), documents, f.get(4)));
    }

    /** 0 to 3 cards, with the ids {@code card1}, {@code card2}, ... in the order they are generated. */
    static Arbitrary<List<Card>> cards(int min, int max) {
        Arbitrary<CardDraft> drafts = Combinators.combine(Arbitraries.of(COUNTRIES), Arbitraries.of(Network.class),
                        Arbitraries.of(CardType.class), Arbitraries.of(true, false),
                        Arbitraries.of("Chase", "HSBC", "Wise", "ICBC").injectNull(0.3))
                .as(CardDraft::new);
        return drafts.list().ofMinSize(min).ofMaxSize(max).map(list -> {
            List<Card> cards = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                cards.add(list.get(i).card("card" + (i + 1)));
            }
            return List.copyOf(cards);
        });
    }

    /** What the user spent so far: a few kinds today, up to 100 red envelopes, month, year and foreign-card totals. */
    static Arbitrary<Usage> usages() {
        Arbitrary<Map<TransactionKind, BigDecimal>> today =
                Arbitraries.maps(Arbitraries.of(TransactionKind.class), money("0", "3000")).ofMaxSize(3);
        Arbitrary<Integer> redEnvelopes = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0, 99)),
                Tuple.of(1, Arbitraries.just(100)));
        return Combinators.combine(today, redEnvelopes, spent("30000"), spent("250000"), spent("400000"))
                .as((kinds, envelopes, month, year, foreign) -> new Usage(kinds, envelopes, month, year, foreign, 1));
    }

    /** 1 to 4 transactions of random kinds and amounts, each via one of the cards, the balance or the wallet. */
    static Arbitrary<List<Payment>> transactions(List<Card> cards, int min, int max) {
        List<String> vias = new ArrayList<>();
        cards.forEach(card -> vias.add(card.id()));
        vias.add(Payment.BALANCE);
        vias.add(Payment.WALLET);
        Arbitrary<PaymentDraft> drafts = Combinators.combine(Arbitraries.of(TransactionKind.class), amounts(),
                Arbitraries.of(vias)).as(PaymentDraft::new);
        return drafts.list().ofMinSize(min).ofMaxSize(max).map(list -> {
            List<Payment> payments = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                PaymentDraft draft = list.get(i);
                payments.add(new Payment("t" + (i + 1), i + 1, draft.kind(), draft.amount(), draft.via()));
            }
            return List.copyOf(payments);
        });
    }

    /** Positive amounts up to 60,000 with two decimals, small ones (around the 200 fee threshold) most often. */
    static Arbitrary<BigDecimal> amounts() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, money("0.01", "300")),
                Tuple.of(3, money("300", "6000")),
                Tuple.of(1, money("6000", "60000")),
                Tuple.of(1, Arbitraries.of("200.00", "200.01", "1000.00", "5000.00", "7200.00", "36000.00",
                        "50000.00").map(BigDecimal::new)));
    }

    /** An amount spent so far: mostly small, sometimes up to the given most. */
    private static Arbitrary<BigDecimal> spent(String most) {
        return Arbitraries.frequencyOf(
                Tuple.of(3, money("0", "2000")),
                Tuple.of(1, money("0", most)));
    }

    /** CNY between the bounds (inclusive), with scale 2. */
    static Arbitrary<BigDecimal> money(String min, String max) {
        return Arbitraries.bigDecimals().between(new BigDecimal(min), new BigDecimal(max)).ofScale(2)
                .map(amount -> amount.setScale(2));
    }

    private record CardDraft(String issuerCountry, Network network, CardType type, boolean chinesePartner,
                             String issuer) {
        Card card(String id) {
            return new Card(id, issuerCountry, network, type, issuer, chinesePartner, null);
        }
    }

    private record PaymentDraft(TransactionKind kind, BigDecimal amount, String via) {
    }
}
