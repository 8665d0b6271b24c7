package alipaykb.decisions;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** The tier a rule placed the user on, with the features it offers. */
public record TierAssignment(TierCode code, Set<Feature> features, Provenance because) {
    public TierAssignment {
        Objects.requireNonNull(code, "code");
        features = features == null || features.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(features));
        Objects.requireNonNull(because, "because");
    }

    /** Whether the tier offers the feature. */
    public boolean offers(Feature feature) {
        return features.contains(feature);
    }
}
