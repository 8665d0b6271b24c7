package alipaykb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import alipaykb.decisions.Decision;
import alipaykb.facts.Profile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One knowledge base serves many threads at once, each getting the decision a lone caller gets. */
class ConcurrentEvaluationTest {

    @Test
    void manyThreadsGetTheSameDecisionAsOne() throws Exception {
        // Given a shared knowledge base and the decision one thread makes
        KnowledgeBase kb = KnowledgeBase.load(Path.of("src/test/resources/frozen-rules"));
        Profile profile = Profiles.traveller(Profiles.threeCards());
        Decision alone = kb.evaluate(profile);

        // When 4 threads make 200 decisions each
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<Decision>>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            futures.add(pool.submit(() -> {
                List<Decision> decisions = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    decisions.add(kb.evaluate(profile));
                }
                return decisions;
            }));
        }
        List<Decision> all = new ArrayList<>();
        for (Future<List<Decision>> future : futures) {
            all.addAll(future.get());
        }
        pool.shutdown();

        // Then every decision equals the lone one
        assertThat(all).hasSize(800).allSatisfy(decision -> {
            assertThat(decision.fundingOptions()).isEqualTo(alone.fundingOptions());
            assertThat(decision.transactions()).isEqualTo(alone.transactions());
            assertThat(decision.advice()).isEqualTo(alone.advice());
        });
    }
}
