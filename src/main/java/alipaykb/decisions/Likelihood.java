package alipaykb.decisions;

/** How likely a funding option is to work, best first. */
public enum Likelihood {
    HIGH, MEDIUM, LOW;

    /** The better of two likelihoods. */
    public Likelihood best(Likelihood other) {
        return other == null || compareTo(other) <= 0 ? this : other;
    }
}
