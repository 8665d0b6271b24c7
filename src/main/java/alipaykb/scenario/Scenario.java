package alipaykb.scenario;

import alipaykb.facts.Profile;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One scenario file, read and checked: the profile to decide on and what the decision must hold.
 *
 * @param name the scenario's name, or null for a profile read without one (by {@code advise})
 */
public record Scenario(Path file, String name, Profile profile, Expectation expect) {
    public Scenario {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(expect, "expect");
    }
}
