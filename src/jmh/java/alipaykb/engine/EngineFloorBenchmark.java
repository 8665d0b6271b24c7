package alipaykb.engine;

import alipaykb.bench.BenchmarkProfiles;
import alipaykb.decisions.Decision;
import alipaykb.facts.Profile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
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
