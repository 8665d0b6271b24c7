package alipaykb.decisions;

import alipaykb.facts.Checks;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** The verdict on one transaction: allowed, or denied with every reason that applies. */
public record Verdict(String transaction, Outcome outcome, List<DenyReason> reasons, Provenance because) {
    public Verdict {
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(outcome, "outcome");
        reasons = Checks.listOf(reasons, DenyReason.class, "reasons");
        if (outcome == Outcome.ALLOW && !reasons.isEmpty()) {
            throw new IllegalArgumentException("an allowed transaction has no reason to deny");
        }
        if (outcome == Outcome.DENY && reasons.isEmpty()) {
            throw new IllegalArgumentException("a denied transaction needs a reason");
        }
        Objects.requireNonNull(because, "because");
    }

    /** The transaction is allowed. */
    public static Verdict allow(String transaction, Provenance because) {
        return new Verdict(transaction, Outcome.ALLOW, List.of(), because);
    }

    /** The transaction is denied for the given reasons, listed in the order of their codes. */
    public static Verdict deny(String transaction, Collection<DenyReason> reasons, Provenance because) {
        return new Verdict(transaction, Outcome.DENY, reasons.stream()
                .sorted(Comparator.comparing(DenyReason::code).thenComparing(reason -> reason.because().rule()))
                .toList(), because);
    }
}
