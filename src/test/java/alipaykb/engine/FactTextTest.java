package alipaykb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import alipaykb.decisions.Limit;
import alipaykb.decisions.LimitScope;
import alipaykb.decisions.Provenance;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** How explain shows a fact: without its provenance, and without digits that say nothing. */
class FactTextTest {

    @Test
    void aComputedLimitIsShownWithoutTheTrailingZerosOfItsFactorsScale() {
        // Given a limit converted at a rate of six decimals: 50,000 USD at 7.123456 is 356172.800000, 12 digits
        Limit limit = Limit.converted(LimitScope.FOREIGN_CARD_ANNUAL, new BigDecimal("50000"), "USD",
                new BigDecimal("7.123456"), new Provenance("rule", "limit-tiers.drl", "seed"));

        // When explain describes it
        String shown = FactText.describe(limit);

        // Then its value has two decimals, the rate keeps its six, and no run of 12 digits is left to be cut
        assertThat(shown).contains("356172.80").doesNotContain("356172.800").contains("7.123456")
                .doesNotContainPattern("\\d{12}");
    }

    @Test
    void numbersWithoutTrailingZerosAndTextsAreLeftAsTheyAre() {
        assertThat(FactText.describe("pay 6.030 at v1.200 or 1.50 and 10.000")).isEqualTo("pay 6.03 at v1.200 or 1.50 and 10.00");
    }
}
