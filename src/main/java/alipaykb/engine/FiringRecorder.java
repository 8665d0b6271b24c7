package alipaykb.engine;

import alipaykb.decisions.FiredRule;
import alipaykb.decisions.Provenance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.rule.Match;

/**
 * Counts the rules that fire in one session, in the order they first fired; when asked, it also keeps
 * every firing with the facts it matched, for explanations.
 */
final class FiringRecorder extends DefaultAgendaEventListener {
    private final Map<Rule, int[]> counts = new LinkedHashMap<>();
    private final RuleCatalog catalog;
    private final List<Firing> firings;
    private final Consumer<Match> observer;
    private final FiringListener listener;
    private String running;
    private String last;

    /** A recorder that only counts. */
    FiringRecorder() {
        this(null, false, null);
    }

    /**
     * @param catalog  where rules' lines are looked up, when firings are kept
     * @param keep     whether to keep every firing with its facts
     * @param observer called with every match that fires, or null
     */
    FiringRecorder(RuleCatalog catalog, boolean keep, Consumer<Match> observer) {
        this(catalog, keep, observer, null);
    }

    /** A recorder that keeps every firing and also hands each to a listener, as it happens. */
    FiringRecorder(RuleCatalog catalog, boolean keep, Consumer<Match> observer, FiringListener listener) {
        this.catalog = catalog;
        this.firings = keep || listener != null ? new ArrayList<>() : null;
        this.observer = observer;
        this.listener = listener;
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        running = event.getMatch().getRule().getName();
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        Match match = event.getMatch();
        last = running;
        running = null;
        counts.computeIfAbsent(match.getRule(), rule -> new int[1])[0]++;
        if (firings != null) {
            Provenance provenance = Provenance.of(match.getRule());
            int line = catalog == null ? 0 : catalog.rule(provenance.rule()).map(RuleInfo::line).orElse(0);
            Firing firing = new Firing(firings.size() + 1, provenance.rule(), provenance.file(), line, provenance.source(),
                    match.getObjects().stream().filter(fact -> !isInitialFact(fact)).map(FactText::describe).toList());
            firings.add(firing);
            if (listener != null) {
                listener.fired(firing);
            }
        }
        if (observer != null) {
            observer.accept(match);
        }
    }

    /** Counts, as if they fired in this session, rules that fired once for every decision. */
    void firedBefore(Map<Rule, Integer> firings) {
        firings.forEach((rule, times) -> counts.computeIfAbsent(rule, r -> new int[1])[0] += times);
    }

    /** How often each rule fired, in the order they first fired. */
    Map<Rule, Integer> counts() {
        Map<Rule, Integer> copy = new LinkedHashMap<>();
        counts.forEach((rule, count) -> copy.put(rule, count[0]));
        return Map.copyOf(copy);
    }

    /** Drools' own start-up fact, which rules without conditions match. */
    static boolean isInitialFact(Object fact) {
        return fact != null && fact.getClass().getName().endsWith("InitialFactImpl");
    }

    /** Every firing kept, in order. */
    List<Firing> firings() {
        return firings == null ? List.of() : List.copyOf(firings);
    }

    /**
     * The rules that fired and how often, in the order the rule files list them (file by file, top to bottom):
     * the same list whether the reference tables ran in this session or ahead, and whatever the order of
     * firing.
     *
     * @param order each rule's place in the rule files
     */
    List<FiredRule> firedRules(Map<Rule, Integer> order) {
        List<Placed> placed = new ArrayList<>(counts.size());
        counts.forEach((rule, times) -> {
            Integer place = order.get(rule);
            placed.add(new Placed(place == null ? Integer.MAX_VALUE : place, rule, times[0]));
        });
        placed.sort(Comparator.comparingInt(Placed::place));
        List<FiredRule> fired = new ArrayList<>(placed.size());
        for (Placed rule : placed) {
            Provenance provenance = Provenance.of(rule.rule());
            fired.add(new FiredRule(provenance.rule(), provenance.file(), provenance.source(), rule.times()));
        }
        return fired;
    }

    /** A rule that fired, its place in the rule files and how often it fired. */
    private record Placed(int place, Rule rule, int times) {
    }

    /** The rule whose actions are running now, or null between firings. */
    String runningRule() {
        return running;
    }

    /** The rule that fired last, or null. */
    String lastFiredRule() {
        return last;
    }

    String mostFiredRule() {
        return counts.entrySet().stream().max((a, b) -> Integer.compare(a.getValue()[0], b.getValue()[0]))
                .map(entry -> entry.getKey().getName()).orElse(null);
    }

    String mostFired(int how) {
        return counts.entrySet().stream()
                .sorted((a, b) -> Integer.compare(b.getValue()[0], a.getValue()[0]))
                .limit(how)
                .map(entry -> "\"" + entry.getKey().getName() + "\" (" + entry.getValue()[0] + " times)")
                .collect(Collectors.joining(", "));
    }
}
