package alipaykb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import alipaykb.decisions.Decision;
import alipaykb.decisions.FeeItem;
import alipaykb.decisions.FeeItemCode;
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
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The bank handling fee applies to a top-up or transfer with a foreign card. The shipped policy denies
 * both, so no scenario can reach it; with the top-up ban lifted from a copy of the rules, it shows.
 */
class BankHandlingFeeTest {

    @Test
    void aTopUpWithAForeignCardCarriesTheBanksHandlingFeeOnceAllowed() {
        // Given the shipped rules without the rule that bans foreign-card top-ups
        RuleSet shipped = RuleSet.fromFolder(java.nio.file.Path.of("src/test/resources/frozen-rules"));
        Pattern banRule = Pattern.compile("(?s)rule \"A foreign card cannot top up the balance\".*?\\nend\\n");
        RuleSet lifted = RuleSet.of("test", shipped.files().stream()
                .map(file -> new RuleFile(file.name(), file.location(), banRule.matcher(file.text()).replaceFirst("")))
                .toList());
        assertThat(lifted.version()).isNotEqualTo(shipped.version());
        KnowledgeBase kb = KnowledgeBase.compile(lifted);

        // When a passport-verified user tops up 300 CNY with a US Visa card
        Profile profile = new Profile(LocalDate.of(2025, 6, 1), Map.of(),
                new User("US", true, App.MAINLAND, Verification.PASSPORT, false, false, false, Set.of(), false),
                List.of(new Card("visa", "US", Network.VISA, CardType.CREDIT, "Chase", false, null)), Usage.none(),
                List.of(new Payment("t1", 1, TransactionKind.TOP_UP, new BigDecimal("300"), "visa")));
        Decision decision = kb.evaluate(profile);

        // Then it is allowed, quoted 9.00 for the service fee, and names the bank's handling fee without an amount
        var result = decision.transaction("t1").orElseThrow();
        assertThat(result.outcome()).isEqualTo(Outcome.ALLOW);
        assertThat(result.fee().items()).extracting(FeeItem::code).containsExactly(
                FeeItemCode.FOREIGN_CARD_SERVICE_FEE, FeeItemCode.ISSUER_FX, FeeItemCode.BANK_HANDLING_FEE);
        assertThat(result.fee().min()).isEqualByComparingTo("9.00");
        assertThat(result.fee().max()).isEqualByComparingTo("9.00");
    }
}
