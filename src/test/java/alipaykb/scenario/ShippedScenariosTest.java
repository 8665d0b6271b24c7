package alipaykb.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import alipaykb.engine.KnowledgeBase;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The analysts' regression suite: every scenario file under test-scenarios/ passes on the shipped rules. */
class ShippedScenariosTest {
    private static final Path SUITE = Path.of("test-scenarios");
    private static KnowledgeBase knowledgeBase;

    @BeforeAll
    static void loadTheShippedRules() {
        knowledgeBase = KnowledgeBase.load(Path.of("rules"));
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioPasses() throws Exception {
        // Given every scenario file of the suite
        List<Path> files = ScenarioSuite.collect(List.of(SUITE));
        assertThat(files).as("scenario files under %s", SUITE).hasSizeGreaterThanOrEqualTo(40);

        // When each is run, Then each passes
        List<ScenarioOutcome> outcomes = new ScenarioSuite(new ScenarioReader()).run(knowledgeBase, files);
        return outcomes.stream().map(outcome -> DynamicTest.dynamicTest(
                outcome.scenario() == null ? outcome.file().toString() : outcome.scenario(),
                outcome.file().toUri(),
                () -> assertThat(outcome.status())
                        .as("%s (%s):%n  %s", outcome.file(), outcome.scenario(),
                                String.join(System.lineSeparator() + "  ", outcome.differences()))
                        .isEqualTo(ScenarioOutcome.Status.PASSED)));
    }
}
