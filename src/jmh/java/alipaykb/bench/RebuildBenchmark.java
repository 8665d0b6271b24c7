package alipaykb.bench;

import alipaykb.engine.KnowledgeBase;
import alipaykb.engine.ReloadableKnowledgeBase;
import alipaykb.engine.RuleFile;
import alipaykb.engine.RuleSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * The time to rebuild the knowledge base after an analyst edits one limit, in a warm JVM: every invocation
 * compiles the shipped rule set with the UNVERIFIED daily limit line of {@code limit-tiers.drl} set to a value
 * no invocation used before (1001, 1002, ...), so that nothing of the edited file can come from a cache: the
 * edited rule is compiled every time. Sampled, so JMH reports percentiles (p50, p95, p99) in milliseconds.
 * Run from the project root, so that {@code rules} resolves.
 *
 * <p>The fork's heap is fixed at 1 GB, as a service that reloads its rules would run: with the collector free to
 * resize the heap, every few hundred rebuilds a run of five or so takes two to three times as long while the
 * resized heap is first touched, which is the JVM's cost rather than the rebuild's (docs/performance.md gives
 * the figures both ways). {@code -jvmArgsAppend} on the command line changes it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class RebuildBenchmark {
    static final String EDITED_FILE = "limit-tiers.drl";
    static final String LIMIT_LINE = "LimitScope.DAILY,    TierLimit.ALL_KINDS,          1000,";

    private RuleSet shipped;
    private int next = 1000;
    private ReloadableKnowledgeBase live;

    @Setup(Level.Trial)
    public void setUp() {
        shipped = RuleSet.fromFolder(Path.of("src/test/resources/frozen-rules"));
        live = new ReloadableKnowledgeBase(KnowledgeBase.compile(shipped));
    }

    /** The shipped rule set with the limit line set to a new value. */
    static RuleSet withLimit(RuleSet shipped, String value) {
        List<RuleFile> files = new ArrayList<>();
        boolean found = false;
        for (RuleFile file : shipped.files()) {
            if (file.name().equals(EDITED_FILE) && file.text().contains(LIMIT_LINE)) {
                files.add(new RuleFile(file.name(), file.location(),
                        file.text().replace(LIMIT_LINE, LIMIT_LINE.replace(" 1000,", " " + value + ","))));
                found = true;
            } else {
                files.add(file);
            }
        }
        if (!found) {
            throw new IllegalStateException(EDITED_FILE + " no longer holds the line the benchmark edits: " + LIMIT_LINE);
        }
        return RuleSet.of(shipped.origin(), files);
    }

    private RuleSet nextEdit() {
        next++;
        return withLimit(shipped, String.valueOf(next));
    }

    /** Compiles the edited rule set: {@code KnowledgeBase.compile}. */
    @Benchmark
    public KnowledgeBase compile() {
        return KnowledgeBase.compile(nextEdit());
    }

    /** Compiles, checks and swaps in the edited rule set: {@code ReloadableKnowledgeBase.reload}. */
    @Benchmark
    public ReloadableKnowledgeBase.Reload reload() {
        ReloadableKnowledgeBase.Reload reload = live.reload(nextEdit());
        if (!reload.swapped()) {
            throw new IllegalStateException("the edited rules were not swapped in: " + reload.problems());
        }
        return reload;
    }
}
