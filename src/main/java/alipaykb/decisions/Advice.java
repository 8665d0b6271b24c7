package alipaykb.decisions;

import alipaykb.facts.Checks;
import java.util.List;
import java.util.Objects;

/** A piece of advice: its code, what to do in plain words, and the rule that gave it. */
public record Advice(AdviceCode code, List<String> details, Provenance because) {
    public Advice {
        Objects.requireNonNull(code, "code");
        details = Checks.listOf(details, String.class, "details");
        Objects.requireNonNull(because, "because");
    }
}
