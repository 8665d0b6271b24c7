package alipaykb.facts;

import java.time.LocalDate;

/** The date the policy is evaluated at. Date-dependent rules compare with it, never with the clock. */
public record Evaluation(LocalDate asOf) {
    public Evaluation {
        Checks.required(asOf, "asOf");
    }
}
