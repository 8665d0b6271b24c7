package alipaykb.engine;

import alipaykb.facts.App;
import alipaykb.facts.Card;
import alipaykb.facts.CardType;
import alipaykb.facts.Network;
import alipaykb.facts.Payment;
import alipaykb.facts.Profile;
import alipaykb.facts.TransactionKind;
import alipaykb.facts.Usage;
import alipaykb.facts.User;
import alipaykb.facts.Verification;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Profiles the engine tests share. */
final class Profiles {
    private Profiles() {
    }

    /** An unverified US traveller in China with a US Visa, a Hong Kong Mastercard and a Chinese UnionPay card. */
    static Profile traveller(List<Card> cards) {
        return new Profile(LocalDate.of(2025, 6, 1), Map.of(),
                new User("HK", true, App.MAINLAND, Verification.NONE, false, false, true, Set.of(), false),
                cards, Usage.none(),
                List.of(new Payment("t1", 1, TransactionKind.QR_PAYMENT, new BigDecimal("600"), "visa"),
                        new Payment("t2", 2, TransactionKind.QR_PAYMENT, new BigDecimal("400"), "hk"),
                        new Payment("t3", 3, TransactionKind.QR_PAYMENT, new BigDecimal("0.01"), "cn")));
    }

    /** The same traveller with no payments to judge. */
    static Profile withoutPayments(List<Card> cards) {
        return new Profile(LocalDate.of(2025, 6, 1), Map.of(),
                new User("HK", true, App.MAINLAND, Verification.NONE, false, false, true, Set.of(), false),
                cards, Usage.none(), List.of());
    }

    static List<Card> threeCards() {
        return List.of(new Card("visa", "US", Network.VISA, CardType.CREDIT, "Chase", false, null),
                new Card("hk", "HK", Network.MASTERCARD, CardType.DEBIT, "HSBC", false, null),
                new Card("cn", "CN", Network.UNIONPAY, CardType.DEBIT, "ICBC", false, null));
    }
}
