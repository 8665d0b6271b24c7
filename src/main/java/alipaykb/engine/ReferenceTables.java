package alipaykb.engine;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.kie.api.KieBase;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AgendaGroupPoppedEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;

/**
 * The facts that the reference phase's rules without conditions insert (the reference tables): the same
 * for every decision, so they can be made once per knowledge base. Decisions do not take them yet: with
 * the tables' facts in a decision before its rules run, a rule file whose table feeds a join without
 * bounds (a hostile cross product) held the memory of two runaway joins at once instead of one. Until a
 * decision's memory is bounded, each decision runs its tables' rules itself; {@code EngineFloorBenchmark}
 * uses these facts to put a decision's facts through a session with no rules.
 *
 * @param facts what the rules inserted
 * @param rules the rules that made them
 */
record ReferenceTables(List<Object> facts, Set<Rule> rules) {
    /** None made. */
    static final ReferenceTables NONE = new ReferenceTables(List.of(), Set.of());

    /**
     * Runs the rules without conditions of the reference phase once, and nothing else: the session stops when
     * that phase is done, before any other rule's conditions are evaluated on what the tables hold. When they
     * fail, or run out of time, none is made ahead: they will fail the same way in each decision, which
     * reports it properly.
     */
    static ReferenceTables make(KieBase kieBase, RuleCatalog catalog, BoundedRun bounds) {
        String phase = BoundedRun.PHASES.get(0);
        Set<Rule> rules = new HashSet<>();
        kieBase.getKiePackages().forEach(p -> p.getRules().stream()
                .filter(DroolsInternals::hasNoConditions)
                .filter(rule -> catalog.rule(rule.getName()).map(info -> phase.equals(info.phase())).orElse(false))
                .forEach(rules::add));
        if (rules.isEmpty()) {
            return NONE;
        }
        KieSession session = kieBase.newKieSession();
        FiringRecorder recorder = new FiringRecorder();
        session.addEventListener(new DefaultAgendaEventListener() {
            @Override
            public void agendaGroupPopped(AgendaGroupPoppedEvent event) {
                if (phase.equals(event.getAgendaGroup().getName())) {
                    session.halt();
                }
            }
        });
        try {
            return bounds.run(session, null, recorder, (budget, facts) -> {
                session.getAgenda().getAgendaGroup(phase).setFocus();
                session.fireAllRules(match -> rules.contains(match.getRule()), bounds.maxFirings());
                if (budget.expired()) {
                    return NONE;
                }
                List<Object> made = session.getObjects().stream()
                        .filter(fact -> !FiringRecorder.isInitialFact(fact)).map(Object.class::cast).toList();
                return new ReferenceTables(made, Set.copyOf(rules));
            });
        } catch (EvaluationException e) {
            return NONE;
        }
    }
}
