package alipaykb.decisions;

import java.util.Objects;

/** Something the user should know about their limits. */
public record TierNote(String text, Provenance because) {
    public TierNote {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(because, "because");
    }
}
