package alipaykb.engine;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.KeepReferenceOption;
import org.kie.api.runtime.rule.AgendaGroup;
import org.kie.api.runtime.rule.ConsequenceException;

/**
 * Runs rules in a session within a knowledge base's bounds (time, firings, facts), and turns whatever
 * they throw into an {@link EvaluationException} naming the rule. Past the time bound the session is
 * halted, and rule code stops at its next step; if neither happens within a grace period (the engine's
 * own work, such as joining facts no condition relates, runs no rule code), the thread is stopped and
 * the session dropped, with the pool it came from.
 */
final class BoundedRun {
    /**
     * Rules run in three phases, each an agenda group: "reference" inserts the reference tables,
     * "classify" derives the facts that decisions match on, and the main group decides. A rule that
     * names no agenda group decides.
     */
    static final List<String> PHASES = List.of("reference", "classify");

    private final int maxFirings;
    private final long maxMillis;
    private final Supplier<RuleCatalog> catalog;
    /** Which rule each class compiled from the rule files belongs to: to name the rule whose condition failed. */
    private final Map<String, String> ruleOfClass;

    BoundedRun(int maxFirings, long maxMillis, Supplier<RuleCatalog> catalog, Map<String, String> ruleOfClass) {
        this.maxFirings = maxFirings;
        this.maxMillis = maxMillis;
        this.catalog = catalog;
        this.ruleOfClass = ruleOfClass;
    }

    /** What runs in a session under the bounds. */
    interface Body<T> {
        T run(RuleBudget budget, FactCounter facts);
    }

    /** How many rule firings one run may take. */
    int maxFirings() {
        return maxFirings;
    }

    /** How many facts the rules of one run may insert: ten for every firing allowed. */
    int maxFacts() {
        return (int) Math.min(Integer.MAX_VALUE, 10L * maxFirings);
    }

    /**
     * Runs the body in the session. A session that ends normally is disposed (a pooled one goes back to its
     * pool, where it is reset); one stopped in the middle of a rule is not trusted again, nor the pool.
     *
     * @param pool the pool the session came from, or null for a session of its own
     */
    <T> T run(KieSession session, SessionPool pool, FiringRecorder recorder, Body<T> body) {
        FactCounter facts = new FactCounter(maxFacts());
        // Stopping a thread also interrupts it: a caller that was not interrupted before is not left interrupted.
        boolean interruptedBefore = Thread.currentThread().isInterrupted();
        session.addEventListener(recorder);
        session.addEventListener(facts);
        RuleBudget budget = RuleBudget.start(maxMillis, session);
        boolean stopped = false;
        try {
            try {
                return body.run(budget, facts);
            } catch (EvaluationException e) {
                throw e;
            } catch (Throwable e) {
                if (causedBy(e, ThreadDeath.class)) {
                    budget.stopArrived();
                    if (!interruptedBefore) {
                        // before the failure is described: reading the rule files waits, which an interrupt ends
                        Thread.interrupted();
                    }
                }
                throw described(() -> failure(e, budget, recorder, facts));
            } finally {
                budget.close();
                budget.awaitStop();
            }
        } catch (ThreadDeath death) {
            if (!budget.stopRequested()) {
                throw death;
            }
            stopped = true;
            budget.close();
            if (!interruptedBefore) {
                Thread.interrupted();
            }
            throw described(() -> budget.stoppedForMemory() ? outOfMemory(recorder, death) : outOfTime(recorder, death));
        } finally {
            stopped |= budget.stopRequested();
            if (stopped) {
                // The thread was stopped wherever it was: neither the session nor the sessions pooled with it
                // are trusted again, and nothing the session holds is kept.
                if (pool != null) {
                    pool.drop();
                }
                forget(session);
                if (!interruptedBefore) {
                    Thread.interrupted();
                }
            } else {
                session.removeEventListener(recorder);
                session.removeEventListener(facts);
                // Back to the pool, where it is reset: every node memory is cleared, whatever a failure left.
                session.dispose();
                if (pool == null) {
                    // A session of its own is disposed without a reset.
                    forget(session);
                }
            }
        }
    }

    /** Lets go of what Drools keeps of a session outside it, whatever state the session was left in. */
    private static void forget(KieSession session) {
        try {
            DroolsInternals.forgetTruthMaintenance(session);
        } catch (RuntimeException e) {
            // A session stopped in the middle of a rule may be in any state; it is dropped either way.
        }
    }

    /** Said when the heap is too full to describe a failure: the session, still held until the run returns, fills it. */
    private static final EvaluationException HEAP_TOO_FULL = new EvaluationException("the decision filled the memory"
            + " the JVM has (-Xmx) and was stopped: rules that join facts no condition relates, or make facts without"
            + " end?");

    /** A failure as described, or {@link #HEAP_TOO_FULL} when describing it needs memory the heap no longer has. */
    private static EvaluationException described(Supplier<EvaluationException> failure) {
        try {
            return failure.get();
        } catch (OutOfMemoryError e) {
            return HEAP_TOO_FULL;
        }
    }

    /** The failure of a run stopped because the heap was nearly full while it ran. */
    EvaluationException outOfMemory(FiringRecorder recorder) {
        return outOfMemory(recorder, null);
    }

    /**
     * As {@link #outOfMemory(FiringRecorder)}, naming the rule whose code was running where the stop landed, if any.
     *
     * @param stop what stopped the run, where it was thrown; or null
     */
    EvaluationException outOfMemory(FiringRecorder recorder, Throwable stop) {
        String rule = runningRule(recorder, stop);
        return new EvaluationException("the decision filled the memory the JVM has (-Xmx) and was stopped: rules that"
                + " join facts no condition relates, or make facts without end?" + whoRan(recorder, rule)
                + " Most fired: " + recorder.mostFired(3), rule, null);
    }

    /** The failure of a run that took longer than its bound. */
    EvaluationException outOfTime(FiringRecorder recorder) {
        return outOfTime(recorder, null);
    }

    /**
     * As {@link #outOfTime(FiringRecorder)}, naming the rule whose code was running where the stop landed, if any.
     *
     * @param stop what stopped the run, where it was thrown; or null
     */
    EvaluationException outOfTime(FiringRecorder recorder, Throwable stop) {
        String rule = runningRule(recorder, stop);
        return new EvaluationException("the decision ran for more than " + maxMillis + " ms and was stopped."
                + whoRan(recorder, rule) + " Most fired: " + recorder.mostFired(3), rule, null);
    }

    /** The rule whose actions were running, or whose compiled code the stop landed in; else null. */
    private String runningRule(FiringRecorder recorder, Throwable stop) {
        if (recorder.runningRule() != null) {
            return recorder.runningRule();
        }
        return stop == null ? null : ruleInStack(stop);
    }

    /**
     * Which rule was running when the run was stopped; or, when none was (the engine itself was matching facts, a
     * join of conditions, say), which fired last, named as such: that rule is not the one to blame.
     */
    private String whoRan(FiringRecorder recorder, String rule) {
        if (rule != null) {
            return " The rule running then: \"" + rule + "\"" + where(rule) + ".";
        }
        String last = recorder.lastFiredRule();
        return " No rule's code was running: the engine was matching facts to conditions"
                + (last == null ? "." : "; the rule that fired last: \"" + last + "\"" + where(last) + ".");
    }

    private String where(String rule) {
        return catalog.get().rule(rule).map(info -> " (" + info.where() + ")").orElse("");
    }

    /** The failure of a run whose rules fired more often than allowed. */
    EvaluationException tooManyFirings(FiringRecorder recorder) {
        return new EvaluationException("the rules fired more than " + maxFirings + " times without coming to "
                + "rest, so the decision was stopped: rules that set each other off again and again? Most fired: "
                + recorder.mostFired(3), recorder.mostFiredRule(), null);
    }

    /** Gives the phases the focus, so that they run in order before the decision rules. */
    static void focusPhases(KieSession session) {
        // Focus is a stack: the phase focused last runs first.
        for (int i = PHASES.size() - 1; i >= 0; i--) {
            AgendaGroup phase = session.getAgenda().getAgendaGroup(PHASES.get(i));
            if (phase != null) {
                phase.setFocus();
            }
        }
    }

    /**
     * A session of its own, never pooled, that the knowledge base keeps no reference to: one stopped in the
     * middle of a runaway join, and never disposed, is dropped whole with whatever it holds.
     */
    static KieSession ownSession(KieBase kieBase) {
        KieSessionConfiguration configuration = KieServices.get().newKieSessionConfiguration();
        configuration.setOption(KeepReferenceOption.NO);
        return kieBase.newKieSession(configuration, null);
    }

    /**
     * Gives the focus to the given phases only, in order: when they are done the session comes to rest, and the
     * conditions of the rules of later phases and of the decision rules are never evaluated. Returns false, and
     * gives no focus, when the knowledge base has no agenda groups (no rule names one): then there is nothing to run.
     */
    static boolean focusOnly(KieSession session, List<String> phases) {
        // An agenda group that stays in focus when it is empty (it holds no rule) ends the run before the main one.
        AgendaGroup rest = session.getAgenda().getAgendaGroup("alipaykb: the phases are done");
        if (rest == null) {
            // Rules none of which names a group: the knowledge base keeps no agenda groups, and no rule is in a phase.
            return false;
        }
        DroolsInternals.keepFocusWhenEmpty(rest);
        rest.setFocus();
        for (int i = phases.size() - 1; i >= 0; i--) {
            AgendaGroup phase = session.getAgenda().getAgendaGroup(phases.get(i));
            if (phase != null) {
                phase.setFocus();
            }
        }
        return true;
    }

    /** Whatever rule code threw, Errors included, as the failure of this one decision, naming the rule. */
    private EvaluationException failure(Throwable thrown, RuleBudget budget, FiringRecorder recorder, FactCounter facts) {
        if (budget.stoppedForMemory()) {
            return outOfMemory(recorder, thrown);
        }
        if (budget.expired() || budget.stopRequested() || causedBy(thrown, RuleBudget.OutOfTime.class)) {
            return outOfTime(recorder, thrown);
        }
        if (causedBy(thrown, FactCounter.TooManyFacts.class)) {
            return new EvaluationException("the rules inserted more than " + maxFacts() + " facts, so the decision was"
                    + " stopped: rules that insert again and again? Most fired: " + recorder.mostFired(3),
                    recorder.mostFiredRule(), null);
        }
        String rule = thrown instanceof ConsequenceException consequence && consequence.getRule() != null
                ? consequence.getRule().getName() : recorder.runningRule();
        boolean inActions = rule != null;
        if (rule == null) {
            rule = ruleInStack(thrown);
        }
        Throwable cause = thrown instanceof ConsequenceException && thrown.getCause() != null ? thrown.getCause() : thrown;
        if (rule == null) {
            return new EvaluationException("a rule failed while its conditions were evaluated: " + describe(cause), null,
                    null);
        }
        String where = catalog.get().rule(rule).map(info -> " (" + info.where() + ")").orElse("");
        return new EvaluationException("rule \"" + rule + "\"" + where + " failed in its "
                + (inActions ? "actions" : "conditions") + ": " + describe(cause), rule, null,
                inActions ? facts.insertedLastBy(rule) : -1);
    }

    /** The rule whose compiled code threw, read from where the throwable was thrown. */
    private String ruleInStack(Throwable thrown) {
        for (Throwable at = thrown; at != null; at = at.getCause() == at ? null : at.getCause()) {
            for (StackTraceElement frame : at.getStackTrace()) {
                String rule = ruleOfClass.getOrDefault(frame.getClassName() + "#" + frame.getMethodName(),
                        ruleOfClass.get(frame.getClassName()));
                if (rule != null) {
                    return rule;
                }
            }
        }
        return null;
    }

    private static boolean causedBy(Throwable thrown, Class<? extends Throwable> type) {
        for (Throwable at = thrown; at != null; at = at.getCause() == at ? null : at.getCause()) {
            if (type.isInstance(at)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message.strip());
    }
}
