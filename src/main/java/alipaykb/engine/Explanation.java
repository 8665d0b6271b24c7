package alipaykb.engine;

import alipaykb.decisions.Decision;
import java.util.List;

/** A decision with every rule firing that made it, in firing order. */
public record Explanation(Decision decision, List<Firing> firings) {
    public Explanation {
        firings = List.copyOf(firings);
    }
}
