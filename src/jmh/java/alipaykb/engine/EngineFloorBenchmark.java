package alipaykb.engine;

import alipaykb.bench.BenchmarkProfiles;
import alipaykb.decisions.Decision;
import alipaykb.facts.Profile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.kie.api.KieBase;
import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where a decision's time goes, from the engine's floor up, on the typical profile: each benchmark adds one
 * layer of a decision's work to the one before it, so that the differences say what each layer costs.
 * <ol>
 *   <li>{@link #floor}: a pooled session of a knowledge base with no rules takes the facts a decision inserts
 *       (the reference tables' and the profile's), fires, is read back and reset: what any decision costs
 *       whatever its rules;</li>
 *   <li>{@link #matchOnly}: the same facts in a session of the shipped rules, whose conditions are evaluated
 *       on them but whose actions never run (an agenda filter refuses every match), so that nothing is derived:
 *       the matching of the first layer of rules, not of the rules that wait for derived facts;</li>
 *   <li>{@link #decision}: a whole decision, {@code KnowledgeBase.evaluate}.</li>
 * </ol>
 * And one bound, beside the layers: {@link #tablesResident} makes the same decision with the reference tables
 * already in the session, as if their facts cost a decision nothing. One session of the knowledge base without the
 * tables' rules takes the tables once; each decision inserts the profile, fires, is read back as
 * {@code KnowledgeBase.evaluate} reads it, and then deletes every fact that is not a table, leaving the session as
 * it found it. It runs without the bounds' listeners (time, firings, facts, the rules that fired), so it is what any
 * reshaping of the tables could save at most, not a way to decide: nothing here proves that a session used again
 * this way decides as a fresh one would for every rule set.
 * Average time per operation, in microseconds. Run from the project root, so that {@code rules} resolves.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
public class EngineFloorBenchmark {
    private KnowledgeBase knowledgeBase;
    private Profile profile;
    private List<Object> tableFacts;
    private SessionPool emptyPool;
    private SessionPool rulesPool;
    private KieSession resident;
    private Set<FactHandle> residentTables;

    @Setup
    public void setUp() throws ReflectiveOperationException {
        knowledgeBase = KnowledgeBase.load(Path.of("rules"));
        profile = BenchmarkProfiles.typical();
        knowledgeBase.evaluate(profile);
        var kieBase = KnowledgeBase.class.getDeclaredField("kieBase");
        kieBase.setAccessible(true);
        var bounds = KnowledgeBase.class.getDeclaredField("bounds");
        bounds.setAccessible(true);
        tableFacts = ReferenceTables.make((KieBase) kieBase.get(knowledgeBase), (BoundedRun) bounds.get(knowledgeBase))
                .facts();
        rulesPool = new SessionPool((KieBase) kieBase.get(knowledgeBase));
        KnowledgeBase empty = KnowledgeBase.compile(RuleSet.of("floor",
                List.of(new RuleFile("empty.drl", "floor", "package rules;\n"))));
        emptyPool = new SessionPool((KieBase) kieBase.get(empty));

        knowledgeBase.evaluate(profile);
        var lean = KnowledgeBase.class.getDeclaredField("lean");
        lean.setAccessible(true);
        Object made = lean.get(knowledgeBase);
        var sessions = made.getClass().getDeclaredMethod("sessions");
        sessions.setAccessible(true);
        var leanKieBase = SessionPool.class.getDeclaredField("kieBase");
        leanKieBase.setAccessible(true);
        resident = BoundedRun.ownSession((KieBase) leanKieBase.get(sessions.invoke(made)));
        residentTables = Collections.newSetFromMap(new IdentityHashMap<>());
        tableFacts.forEach(fact -> residentTables.add(resident.insert(fact)));
        Decision expected = knowledgeBase.evaluate(profile);
        Decision resided = tablesResident();
        if (!resided.equals(new Decision(expected.rulesVersion(), expected.asOf(), expected.fx(),
                expected.fundingOptions(), expected.tier(), expected.transactions(), expected.advice(), List.of()))) {
            throw new IllegalStateException("with the tables resident, the decision differs: " + resided);
        }
    }

    /** The facts of a decision through a session with no rules. */
    @Benchmark
    public int floor() {
        return run(emptyPool, false);
    }

    /** The facts of a decision through the shipped rules' conditions, with no action run. */
    @Benchmark
    public int matchOnly() {
        return run(rulesPool, true);
    }

    /** A whole decision. */
    @Benchmark
    public Decision decision() {
        return knowledgeBase.evaluate(profile);
    }

    /** The same decision with the reference tables already in the session: the most the tables could save. */
    @Benchmark
    public Decision tablesResident() {
        KnowledgeBase.insertProfile(resident, profile);
        BoundedRun.focusPhases(resident);
        resident.fireAllRules();
        Decision decision = DecisionAssembly.assemble(type -> resident.getObjects(new ClassObjectFilter(type)), profile,
                List.of(), knowledgeBase.version());
        List<FactHandle> made = new ArrayList<>();
        for (FactHandle handle : resident.getFactHandles()) {
            if (!residentTables.contains(handle)) {
                made.add(handle);
            }
        }
        for (FactHandle handle : made) {
            if (resident.getObject(handle) != null) {
                resident.delete(handle);
            }
        }
        if (resident.getFactCount() != residentTables.size()) {
            throw new IllegalStateException("the session kept " + resident.getFactCount() + " facts, not the tables'"
                    + " " + residentTables.size());
        }
        return decision;
    }

    private int run(SessionPool pool, boolean filtered) {
        KieSession session = pool.take();
        try {
            tableFacts.forEach(session::insert);
            KnowledgeBase.insertProfile(session, profile);
            BoundedRun.focusPhases(session);
            int fired = filtered ? session.fireAllRules(match -> false) : session.fireAllRules();
            return fired + new ArrayList<>(session.getObjects()).size();
        } finally {
            session.dispose();
        }
    }
}
