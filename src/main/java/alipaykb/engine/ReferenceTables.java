package alipaykb.engine;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kie.api.KieBase;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;

/**
 * The facts that the reference phase's rules without conditions insert (the reference tables): the same for
 * every decision, so they are made once per knowledge base. Each decision is given these facts, does not fire
 * their rules again, and lists them among the rules that fired, as often as they fired here.
 *
 * @param facts   what the rules inserted
 * @param rules   the rules that made them
 * @param firings how often each of them fired
 */
record ReferenceTables(List<Object> facts, Set<Rule> rules, Map<Rule, Integer> firings) {
    /** None made ahead: every decision runs every rule itself. */
    static final ReferenceTables NONE = new ReferenceTables(List.of(), Set.of(), Map.of());

    /**
     * Runs the rules without conditions of the reference phase once, and nothing else: the session comes to rest
     * when that phase is done, and no rule of a later phase, nor any decision rule, has its conditions evaluated
     * there. The session is one the knowledge base keeps no reference to, so that one stopped in the middle of a
     * rule holds nothing once it is dropped. When the rules fail, or run out of time, none is made ahead: they
     * will fail the same way in each decision, which reports it properly.
     */
    static ReferenceTables make(KieBase kieBase, BoundedRun bounds) {
        String phase = BoundedRun.PHASES.get(0);
        Set<Rule> rules = new HashSet<>();
        kieBase.getKiePackages().forEach(p -> p.getRules().stream()
                .filter(DroolsInternals::hasNoConditions)
                .filter(rule -> phase.equals(DroolsInternals.phaseOf(rule)))
                .forEach(rules::add));
        if (rules.isEmpty()) {
            return NONE;
        }
        KieSession session = BoundedRun.ownSession(kieBase);
        FiringRecorder recorder = new FiringRecorder();
        try {
            return bounds.run(session, null, recorder, (budget, facts) -> {
                if (!BoundedRun.focusOnly(session, List.of(phase))) {
                    return NONE;
                }
                session.fireAllRules(match -> rules.contains(match.getRule()), bounds.maxFirings());
                if (budget.expired()) {
                    return NONE;
                }
                List<Object> made = session.getObjects().stream()
                        .filter(fact -> !FiringRecorder.isInitialFact(fact)).map(Object.class::cast).toList();
                return new ReferenceTables(made, Set.copyOf(rules), recorder.counts());
            });
        } catch (EvaluationException e) {
            return NONE;
        }
    }
}
