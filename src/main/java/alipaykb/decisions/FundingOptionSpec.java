package alipaykb.decisions;

import alipaykb.facts.Checks;
import java.util.List;
import java.util.Objects;

/**
 * Reference data: a funding option's place in the ranking (after likelihood) and the steps it takes.
 *
 * @param position 1 for the option listed first among options of the same likelihood
 */
public record FundingOptionSpec(FundingCode code, int position, List<String> steps) {
    public FundingOptionSpec {
        Objects.requireNonNull(code, "code");
        if (position < 1) {
            throw new IllegalArgumentException("position of " + code + " must be 1 or more");
        }
        steps = Checks.listOf(steps, String.class, "steps");
    }
}
