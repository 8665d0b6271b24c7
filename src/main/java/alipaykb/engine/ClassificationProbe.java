package alipaykb.engine;

import alipaykb.decisions.Provenance;
import alipaykb.decisions.TierAssignment;
import alipaykb.decisions.TierCode;
import alipaykb.facts.Evaluation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

/**
 * What {@code check} looks at without a profile: the facts the reference and classify phases derive from
 * a few given facts alone, such as the tables, or the limits a tier gets. No decision rule runs.
 */
final class ClassificationProbe {
    private ClassificationProbe() {
    }

    /**
     * The facts in a session after the phases ran on the given facts.
     *
     * @throws EvaluationException when a rule of the phases fails or runs out of time
     */
    static List<Object> run(KieBase kieBase, RuleCatalog catalog, BoundedRun bounds, List<Object> facts) {
        // A session of its own, never pooled: a probe of rules that explode is dropped whole with it.
        KieSession session = BoundedRun.ownSession(kieBase);
        FiringRecorder recorder = new FiringRecorder();
        return bounds.run(session, null, recorder, (budget, counter) -> {
            session.insert(new Evaluation(LocalDate.now()));
            facts.forEach(session::insert);
            counter.startCounting();
            if (!BoundedRun.focusOnly(session, BoundedRun.PHASES)) {
                return new ArrayList<>(session.getObjects());
            }
            session.fireAllRules(match -> catalog.rule(match.getRule().getName())
                    .map(rule -> rule.phase() != null).orElse(false), bounds.maxFirings());
            if (budget.expired()) {
                throw bounds.outOfTime(recorder);
            }
            return new ArrayList<>(session.getObjects());
        });
    }

    /** A tier assignment made by {@code check}, to see which limits a tier gets. */
    static TierAssignment tierAssignment(TierCode tier) {
        return new TierAssignment(tier, Set.of(), new Provenance("check", null, null));
    }
}
