package alipaykb.decisions;

import java.util.Objects;

/** A reason a rule found to deny a transaction. */
public record DenyReason(String transaction, ReasonCode code, Provenance because) {
    public DenyReason {
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(because, "because");
    }
}
