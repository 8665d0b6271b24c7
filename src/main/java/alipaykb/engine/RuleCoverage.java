package alipaykb.engine;

import alipaykb.decisions.Decision;
import alipaykb.decisions.FiredRule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How often each rule fired over a run of many decisions. Rules marked {@code @unreachable("why")}
 * (which the policy never lets fire) are listed but not counted.
 */
public record RuleCoverage(String rulesVersion, List<Entry> entries) {
    /** One rule and the number of times it fired. */
    public record Entry(RuleInfo rule, int firings) {
        /** Whether the rule counts toward coverage. */
        public boolean counted() {
            return rule.unreachable() == null;
        }
    }

    public RuleCoverage {
        entries = List.copyOf(entries);
    }

    /** The coverage of the given decisions, over every rule of the catalog. */
    public static RuleCoverage of(String rulesVersion, RuleCatalog catalog, List<Decision> decisions) {
        Map<String, Integer> counts = new HashMap<>();
        for (Decision decision : decisions) {
            for (FiredRule fired : decision.firedRules()) {
                counts.merge(fired.name(), fired.times(), Integer::sum);
            }
        }
        return new RuleCoverage(rulesVersion, catalog.rules().stream()
                .map(rule -> new Entry(rule, counts.getOrDefault(rule.name(), 0))).toList());
    }

    /** The rules that count toward coverage. */
    public long counted() {
        return entries.stream().filter(Entry::counted).count();
    }

    /** The counted rules that fired at least once. */
    public long fired() {
        return entries.stream().filter(entry -> entry.counted() && entry.firings() > 0).count();
    }

    /** The share of counted rules that fired, in percent (100 when no rule counts). */
    public double percent() {
        return counted() == 0 ? 100.0 : 100.0 * fired() / counted();
    }

    /** The counted rules that never fired. */
    public List<Entry> neverFired() {
        return entries.stream().filter(entry -> entry.counted() && entry.firings() == 0).toList();
    }

    /** Rules marked unreachable. */
    public List<Entry> unreachable() {
        return entries.stream().filter(entry -> !entry.counted()).toList();
    }
}
