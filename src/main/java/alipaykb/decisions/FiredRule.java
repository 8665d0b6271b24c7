package alipaykb.decisions;

/** A rule that fired while a decision was made, and how many times. */
public record FiredRule(String name, String file, String source, int times) {
}
