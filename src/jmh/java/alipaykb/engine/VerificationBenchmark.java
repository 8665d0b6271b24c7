package alipaykb.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * What the checks cost in a rebuild, warm JVM: the edited file of {@code RebuildBenchmark}
 * ({@code limit-tiers.drl}) judged on its parsed form ({@code structure}), compiled to bytecode
 * ({@code compile}), and its bytecode verified and instrumented ({@code verify}). Run from the project
 * root, so that {@code rules} resolves.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class VerificationBenchmark {
    private RuleFile file;
    private RuleCatalog catalog;
    private Map<String, byte[]> classes;

    @Setup
    public void setUp() {
        RuleSet shipped = RuleSet.fromFolder(Path.of("rules"));
        file = shipped.files().stream().filter(f -> f.name().equals("limit-tiers.drl")).findFirst().orElseThrow();
        catalog = RuleCatalog.read(RuleSet.of("bench", List.of(file)));
        classes = compile().classes();
    }

    /** The structural check on the parsed file. */
    @Benchmark
    public List<RuleProblem> structure() {
        return RuleStructure.check(catalog, AllowList.standard());
    }

    /** Compiling the file to bytecode with the executable model. */
    @Benchmark
    public DroolsInternals.ModelOutput compile() {
        return DroolsInternals.compileModel(List.of(file),
                new CompileTimeClassLoader(AllowList.standard(), VerificationBenchmark.class.getClassLoader()));
    }

    /** Verifying and instrumenting that bytecode. */
    @Benchmark
    public BytecodeVerifier.Result verify() {
        return new BytecodeVerifier(AllowList.standard(), VerificationBenchmark.class.getClassLoader()).verify(classes);
    }
}
