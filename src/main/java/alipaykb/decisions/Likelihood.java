package alipaykb.decisions;

/** How likely a funding option is to work, best first. */
public enum Likelihood {
    HIGH, MEDIUM, LOW
}
