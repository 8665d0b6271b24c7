package alipaykb.bench;

import alipaykb.decisions.Decision;
import alipaykb.engine.KnowledgeBase;
import alipaykb.facts.Profile;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One decision on a typical profile ({@link BenchmarkProfiles#typical()}): by the shipped rules, compiled once,
 * and by the hand-written Java policy. One thread by default, so the figures are per core.
 *
 * <p>This class measures throughput in decisions a second; {@link AverageTime} (a subclass, so it runs the same
 * two benchmarks) measures the average time of one decision in microseconds. JMH gives one time unit per class,
 * hence the two classes. Run from the project root, so that {@code rules} resolves.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class DecisionBenchmark {
    private KnowledgeBase knowledgeBase;
    private Profile profile;

    @Setup(Level.Trial)
    public void setUp() {
        knowledgeBase = KnowledgeBase.load(Path.of("rules"));
        profile = BenchmarkProfiles.typical();
    }

    /** The shipped rules decide. */
    @Benchmark
    public Decision rules() {
        return knowledgeBase.evaluate(profile);
    }

    /** The hand-written Java policy decides. */
    @Benchmark
    public HandWrittenDecision handWritten() {
        return HandWrittenPolicy.decide(profile);
    }

    /** The same two benchmarks, as the average time of one decision in microseconds. */
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public static class AverageTime extends DecisionBenchmark {
    }
}
