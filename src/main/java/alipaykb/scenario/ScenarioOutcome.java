package alipaykb.scenario;

import alipaykb.decisions.Decision;
import java.nio.file.Path;
import java.util.List;

/**
 * The result of running one scenario file.
 *
 * @param scenario    the scenario's name, or null when the file could not be read
 * @param differences for a failure, each expectation that did not hold; for an error, what is wrong
 * @param decision    the decision made, or null when none could be made
 */
public record ScenarioOutcome(Path file, String scenario, Status status, List<String> differences, Decision decision) {
    /** How a scenario file fared. */
    public enum Status {
        /** Every expectation held. */
        PASSED,
        /** The decision was made, and some expectation did not hold. */
        FAILED,
        /** The file could not be read, or no decision could be made. */
        ERROR
    }

    public ScenarioOutcome {
        differences = List.copyOf(differences);
    }

    /** Whether the scenario passed. */
    public boolean passed() {
        return status == Status.PASSED;
    }
}
