package alipaykb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import alipaykb.decisions.Decision;
import alipaykb.facts.Profile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A service hears of every rule firing, without reaching into the engine. */
class FiringListenerTest {
    private static final KnowledgeBase KB = KnowledgeBase.load(Path.of("src/test/resources/frozen-rules"));

    @Test
    void theListenerHearsEveryFiringInOrderAsExplainListsThem() {
        // Given a profile
        Profile profile = Profiles.traveller(Profiles.threeCards());

        // When it is decided with a listener
        List<Firing> heard = new ArrayList<>();
        Decision decision = KB.evaluate(profile, heard::add);

        // Then the listener heard exactly the firings explain lists, and the decision is the usual one
        assertThat(heard).isEqualTo(KB.explain(profile).firings());
        assertThat(heard).extracting(Firing::number).startsWith(1, 2, 3);
        assertThat(decision.fundingOptions()).isEqualTo(KB.evaluate(profile).fundingOptions());
    }

    @Test
    void aListenerThatThrowsFailsThatDecisionOnly() {
        Profile profile = Profiles.traveller(Profiles.threeCards());
        assertThatThrownBy(() -> KB.evaluate(profile, firing -> {
            throw new IllegalStateException("metrics are down");
        })).isInstanceOf(EvaluationException.class).hasMessageContaining("metrics are down");
        assertThat(KB.evaluate(profile).transactions()).isNotEmpty();
    }
}
