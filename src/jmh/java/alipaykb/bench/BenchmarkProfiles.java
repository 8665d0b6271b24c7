package alipaykb.bench;

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

/** The profiles the benchmarks decide. */
public final class BenchmarkProfiles {
    private BenchmarkProfiles() {
    }

    /**
     * A typical profile: a passport-verified US traveller in mainland China on 2025-06-01 with a US Visa credit
     * card and a Chinese UnionPay debit card, paying a QR payment of 201 by Visa, an online payment of 88 by the
     * Chinese card and a transfer of 500 from the balance.
     */
    public static Profile typical() {
        return new Profile(LocalDate.of(2025, 6, 1), Map.of(),
                new User("US", true, App.MAINLAND, Verification.PASSPORT, false, false, false, Set.of(), false),
                List.of(new Card("visa", "US", Network.VISA, CardType.CREDIT, "Chase", false, null),
                        new Card("unionpay", "CN", Network.UNIONPAY, CardType.DEBIT, "ICBC", false, null)),
                Usage.none(),
                List.of(new Payment("t1", 1, TransactionKind.QR_PAYMENT, new BigDecimal("201"), "visa"),
                        new Payment("t2", 2, TransactionKind.ONLINE_PAYMENT, new BigDecimal("88"), "unionpay"),
                        new Payment("t3", 3, TransactionKind.TRANSFER, new BigDecimal("500"), Payment.BALANCE)));
    }
}
