package alipaykb.bench;

import alipaykb.decisions.Decision;
import alipaykb.engine.KnowledgeBase;
import alipaykb.facts.Profile;
import alipaykb.facts.SafeText;
import alipaykb.json.DecisionJson;
import alipaykb.scenario.InputError;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
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
 * The JSON work of {@code batch} on one line, without the decision between: reading a typical input line (as
 * {@code bench/generate-profiles.py} writes them) into a profile, and writing that profile's decision as the record
 * {@code batch} writes by default (without the rules that fired), and passing that record through the output
 * filter that every output file and standard output pass through ({@link SafeText#writer}; batch's records go through
 * the one for JSON, {@link SafeText#jsonWriter}). Average time of one
 * in microseconds; with {@code -prof gc}, the bytes allocated for one. Run from the project root, so that
 * {@code rules} resolves.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class BatchJsonBenchmark {
    /** A line of {@code bench/generate-profiles.py 1}: two cards, three transactions, usage and a scenario name. */
    static final String LINE = "{\"scenario\":\"generated profile 1\",\"asOf\":\"2025-06-01\",\"user\":{\"residence\":\"KR\","
            + "\"inMainlandChina\":true,\"app\":\"MAINLAND\",\"verification\":\"REAL_NAME\",\"chinesePhone\":false,"
            + "\"chineseBankAccount\":false,\"chineseContact\":true,\"documents\":[\"selfieWithPassport\",\"passport\"],"
            + "\"idUsedByAnotherAccount\":false},\"cards\":[{\"id\":\"c0\",\"issuerCountry\":\"CN\",\"network\":\"VISA\","
            + "\"type\":\"CREDIT\",\"chinesePartner\":false},{\"id\":\"c1\",\"issuerCountry\":\"KR\",\"network\":\"MASTERCARD\","
            + "\"type\":\"DEBIT\",\"chinesePartner\":true}],\"usage\":{\"today\":{\"QR_PAYMENT\":590},\"redEnvelopesToday\":74,"
            + "\"thisMonth\":7104,\"thisYear\":59097,\"foreignCardsThisYear\":3249},\"transactions\":[{\"id\":\"t0\","
            + "\"kind\":\"ONLINE_PAYMENT\",\"amount\":3802.04,\"via\":\"c0\"},{\"id\":\"t1\",\"kind\":\"QR_PAYMENT\","
            + "\"amount\":201.5,\"via\":\"c1\"},{\"id\":\"t2\",\"kind\":\"TRANSFER\",\"amount\":500.0,\"via\":\"balance\"}]}";

    private Decision decision;
    private String record;
    /**
     * The output filter of text, behind a buffer kept for the whole run as batch keeps it, in front of a writer that
     * keeps nothing.
     */
    private final Writer output = new BufferedWriter(SafeText.writer(Writer.nullWriter()), 1 << 16);
    /** The output filter batch writes its records through: the one for JSON ({@link SafeText#jsonWriter}). */
    private final Writer jsonOutput = new BufferedWriter(SafeText.jsonWriter(Writer.nullWriter()), 1 << 16);

    @Setup(Level.Trial)
    public void setUp() throws InputError {
        decision = KnowledgeBase.load(Path.of("rules")).evaluate(DecisionJson.readProfile(LINE));
        record = DecisionJson.line(decision, false);
    }

    /** A line read into a profile. */
    @Benchmark
    public Profile read() throws InputError {
        return DecisionJson.readProfile(LINE);
    }

    /** A decision written as a batch record. */
    @Benchmark
    public Object write() {
        return DecisionJson.line(decision, false);
    }

    /** A record and its line end through the output filter of text. */
    @Benchmark
    public void filter() throws IOException {
        output.write(record);
        output.write('\n');
    }

    /** A record and its line end through the output filter for JSON, as batch writes them. */
    @Benchmark
    public void filterJson() throws IOException {
        jsonOutput.write(record);
        jsonOutput.write('\n');
    }
}
