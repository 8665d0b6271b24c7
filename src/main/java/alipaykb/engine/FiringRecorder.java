package alipaykb.engine;

import alipaykb.decisions.FiredRule;
import alipaykb.decisions.Provenance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

/** Counts the rules that fire in one session, in the order they first fired. */
final class FiringRecorder extends DefaultAgendaEventListener {
    private final Map<Rule, int[]> counts = new LinkedHashMap<>();

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        counts.computeIfAbsent(event.getMatch().getRule(), rule -> new int[1])[0]++;
    }

    List<FiredRule> firedRules() {
        return counts.entrySet().stream().map(entry -> {
            Provenance provenance = Provenance.of(entry.getKey());
            return new FiredRule(provenance.rule(), provenance.file(), provenance.source(), entry.getValue()[0]);
        }).toList();
    }

    String mostFired(int how) {
        return counts.entrySet().stream()
                .sorted((a, b) -> Integer.compare(b.getValue()[0], a.getValue()[0]))
                .limit(how)
                .map(entry -> "\"" + entry.getKey().getName() + "\" (" + entry.getValue()[0] + " times)")
                .collect(Collectors.joining(", "));
    }
}
