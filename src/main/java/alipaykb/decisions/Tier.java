package alipaykb.decisions;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The tier that applies, with every limit in force and what to know about them. */
public record Tier(TierCode code, Set<Feature> features, List<Limit> limits, List<TierNote> notes,
                   Provenance because) {
    public Tier {
        Objects.requireNonNull(code, "code");
        features = features.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(features));
        limits = List.copyOf(limits);
        notes = List.copyOf(notes);
        Objects.requireNonNull(because, "because");
    }
}
