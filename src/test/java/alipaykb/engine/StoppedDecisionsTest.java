package alipaykb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import alipaykb.scenario.ScenarioReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A decision stopped in the middle of a runaway join leaves nothing behind: Drools' truth maintenance, which
 * keeps what it knows of each session in a map of its own for the whole process, holds nothing of the stopped
 * session, so that the memory of its join goes with it and the next decision can run away and be stopped too.
 */
class StoppedDecisionsTest {
    private static final Path HOSTILE = Path.of("src/test/resources/hostile-rules/cross-product-payments.drl");

    @Test
    void everyStoppedDecisionLetsGoOfItsSession() throws Exception {
        // Given the frozen rules and a table feeding a join without bounds, and what truth maintenance holds now
        List<RuleFile> files = new ArrayList<>(RuleSet.fromFolder(Path.of("src/test/resources/frozen-rules")).files());
        files.add(new RuleFile("cross-product-payments.drl", "cross-product-payments.drl", Files.readString(HOSTILE)));
        KnowledgeBase knowledgeBase = KnowledgeBase.compile(RuleSet.of("hostile", files));
        var profile = new ScenarioReader().read(Path.of("test-scenarios/examples/us-traveller-in-shanghai.yaml")).profile();
        int held = entryPointsHeldByTruthMaintenance();

        // When three decisions are made in turn (the first runs the tables' rules itself, the next take them
        // made ahead), each stopped
        List<EvaluationException> stopped = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            stopped.add(assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> catchThrowableOfType(EvaluationException.class, () -> knowledgeBase.evaluate(profile))));
        }

        // Then each was stopped, and truth maintenance holds no more sessions than before
        assertThat(stopped).allSatisfy(failure -> assertThat(failure).isNotNull());
        assertThat(entryPointsHeldByTruthMaintenance()).isEqualTo(held);
    }

    private static int entryPointsHeldByTruthMaintenance() throws ReflectiveOperationException {
        Object factory = org.drools.core.common.TruthMaintenanceSystemFactory.get();
        return (Integer) factory.getClass().getMethod("getEntryPointsMapSize").invoke(factory);
    }
}
