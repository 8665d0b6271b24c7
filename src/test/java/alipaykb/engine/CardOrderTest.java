package alipaykb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import alipaykb.decisions.Decision;
import alipaykb.facts.Card;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decision does not depend on the order of the cards in the input. */
class CardOrderTest {

    @Test
    void reversingTheCardsGivesTheSameDecision() {
        // Given one profile with its cards in two orders
        KnowledgeBase kb = KnowledgeBase.load(Path.of("src/test/resources/frozen-rules"));
        List<Card> cards = Profiles.threeCards();
        List<Card> reversed = new ArrayList<>(cards);
        Collections.reverse(reversed);

        // When both are decided
        Decision forward = kb.evaluate(Profiles.traveller(cards));
        Decision backward = kb.evaluate(Profiles.traveller(reversed));

        // Then options, tier, verdicts, fees and advice are equal
        assertThat(backward.fundingOptions()).isEqualTo(forward.fundingOptions());
        assertThat(backward.tier()).isEqualTo(forward.tier());
        assertThat(backward.transactions()).isEqualTo(forward.transactions());
        assertThat(backward.advice()).isEqualTo(forward.advice());
        assertThat(forward.transactions()).extracting(t -> t.outcome().name())
                .containsExactly("ALLOW", "ALLOW", "DENY");
    }
}
