package alipaykb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import alipaykb.decisions.Decision;
import alipaykb.decisions.FundingCode;
import alipaykb.decisions.Outcome;
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
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The embedding example of the README, run as written there. */
class EmbeddingExampleTest {

    @Test
    void theReadmeExampleDecidesAsItSays() {
        // Given / When: the README's ten lines
        KnowledgeBase kb = KnowledgeBase.load(Path.of("rules"));       // once; share it between threads
        Profile profile = new Profile(LocalDate.of(2025, 6, 1), Map.of(),
                new User("US", true, App.MAINLAND, Verification.NONE, false, false, false, Set.of(), false),
                List.of(new Card("visa", "US", Network.VISA, CardType.CREDIT, "Chase", false, null)),
                Usage.none(),
                List.of(new Payment("t1", 1, TransactionKind.QR_PAYMENT, new BigDecimal("201"), "visa")));
        Decision decision = kb.evaluate(profile);
        FundingCode best = decision.fundingOptions().get(0).code();               // LOCAL_SIM_WALLET
        BigDecimal fee = decision.transaction("t1").orElseThrow().fee().min();    // 6.03

        // Then
        assertThat(best).isEqualTo(FundingCode.LOCAL_SIM_WALLET);
        assertThat(fee).isEqualByComparingTo("6.03");
        assertThat(decision.transaction("t1").orElseThrow().outcome()).isEqualTo(Outcome.ALLOW);
        assertThat(decision.rulesVersion()).isEqualTo(kb.version()).hasSize(12);
    }
}
