package alipaykb.cli;

import alipaykb.decisions.Decision;
import alipaykb.decisions.DecisionSummary;
import alipaykb.engine.EvaluationException;
import alipaykb.engine.KnowledgeBase;
import alipaykb.scenario.InputError;
import alipaykb.scenario.ScenarioReader;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code batch IN.jsonl}: one profile per line in, one decision per line out, in input order, on every
 * core, in memory that does not grow with the file.
 */
@Command(name = "batch", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Decides many profiles: one profile per line of IN (JSON, the scenario structure; an expect "
                + "field is ignored), one decision per line out, in input order, using every core.",
                "A bad line gives an error record {\"line\": N, \"error\": \"...\"} and the run goes on. The output file "
                        + "is written under a temporary name and renamed when complete. A progress line shows on "
                        + "stderr when it is a terminal."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every line was decided", "1:some line could not be read or decided on (see its error record)",
                "2:usage error: no such file, rules that do not compile, output not writable"})
final class BatchCommand implements Callable<Integer> {
    /** The longest line read; a longer one is an error record, skipped without being held in memory. */
    static final int MAX_LINE = 1024 * 1024;

    @Spec
    CommandSpec spec;

    @Mixin
    RulesOption rules;

    @Parameters(paramLabel = "IN", description = "The profiles, one JSON object per line (- for standard input).")
    Path input;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the decisions to FILE (default: standard output).")
    Path output;

    @Option(names = "--threads", paramLabel = "N", description = "Decide on N threads (default: one per core).")
    Integer threads;

    @Option(names = "--summary", description = "Write each decision's codes only (options, tier, verdicts, fees, advice).")
    boolean summary;

    @Option(names = "--with-fired-rules", description = "Also write the rules that fired for each decision.")
    boolean withFiredRules;

    @Option(names = "--progress", negatable = true,
            description = "Show progress on stderr (default: when stderr is a terminal).")
    Boolean progress;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        boolean fromStdin = input.toString().equals("-");
        if (!fromStdin && !Files.isRegularFile(input)) {
            err.println("error: " + input + ": no such file");
            return ExitCodes.USAGE;
        }
        int parallelism = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (parallelism < 1) {
            err.println("error: --threads must be 1 or more");
            return ExitCodes.USAGE;
        }
        KnowledgeBase knowledgeBase = rules.load(err);
        if (knowledgeBase == null) {
            return ExitCodes.USAGE;
        }
        long total = fromStdin ? -1 : Files.size(input);
        Progress meter = new Progress(err, total, progress != null ? progress : Progress.stderrIsTerminal());
        ObjectWriter writer = (withFiredRules ? Json.MAPPER : Json.MAPPER.copy().addMixIn(Decision.class, WithoutFiredRules.class))
                .writer().without(SerializationFeature.INDENT_OUTPUT);
        Path temporary = null;
        Writer out;
        if (output != null) {
            try {
                Path folder = output.toAbsolutePath().getParent();
                Files.createDirectories(folder);
                temporary = Files.createTempFile(folder, "." + output.getFileName() + ".", ".partial");
                out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("error: cannot write " + output + ": " + e.getMessage());
                return ExitCodes.USAGE;
            }
        } else {
            out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        }
        Path partial = temporary;
        Thread cleanup = new Thread(() -> deleteQuietly(partial));
        if (partial != null) {
            Runtime.getRuntime().addShutdownHook(cleanup);
        }
        Counts counts = new Counts();
        long start = System.nanoTime();
        try (InputStream in = fromStdin ? System.in : Files.newInputStream(input)) {
            run(knowledgeBase, new InputStreamReader(in, StandardCharsets.UTF_8), out, writer, parallelism, counts, meter);
            out.close();
            if (partial != null) {
                AtomicFiles.move(partial, output.toAbsolutePath());
                Runtime.getRuntime().removeShutdownHook(cleanup);
            }
        } catch (IOException e) {
            deleteQuietly(partial);
            err.println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        meter.finish();
        double seconds = (System.nanoTime() - start) / 1e9;
        err.println(String.format(Locale.ROOT, "%,d lines: %,d decided, %,d errors, in %.1f s (%,.0f lines/s) with %d "
                        + "threads, rules version %s%s", counts.lines.get(), counts.decided.get(), counts.errors.get(),
                seconds, counts.lines.get() / Math.max(seconds, 1e-9), parallelism, knowledgeBase.version(),
                output == null ? "" : "; written to " + output));
        err.flush();
        return counts.errors.get() == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** Leaves out the rules that fired, which make up a third of a decision's size. */
    @JsonIgnoreProperties("firedRules")
    private interface WithoutFiredRules {
    }

    /** Lines read, decided and refused. */
    private static final class Counts {
        final AtomicLong lines = new AtomicLong();
        final AtomicLong decided = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
    }

    /**
     * Reads lines, decides them on the pool and writes the results in input order. At most a bounded
     * number of lines are in flight, so memory does not grow with the input.
     */
    private void run(KnowledgeBase knowledgeBase, Reader in, Writer out, ObjectWriter writer, int parallelism,
                     Counts counts, Progress meter) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, runnable -> {
            Thread thread = new Thread(runnable, "batch-decider");
            thread.setDaemon(true);
            return thread;
        });
        BlockingQueue<Future<String>> inFlight = new ArrayBlockingQueue<>(parallelism * 64);
        ScenarioReader reader = new ScenarioReader();
        Path name = input.getFileName() == null ? input : input.getFileName();
        IOException[] writeFailure = new IOException[1];
        Thread writerThread = new Thread(() -> {
            try {
                while (true) {
                    Future<String> next = inFlight.take();
                    String record = next.get();
                    if (record == null) {
                        return;
                    }
                    out.write(record);
                    out.write('\n');
                }
            } catch (IOException e) {
                writeFailure[0] = e;
                pool.shutdownNow();
            } catch (InterruptedException | ExecutionException e) {
                Thread.currentThread().interrupt();
            }
        }, "batch-writer");
        writerThread.start();
        LineReader lines = new LineReader(in, MAX_LINE);
        try {
            while (writeFailure[0] == null) {
                LineReader.Line line = lines.next();
                if (line == null) {
                    break;
                }
                meter.advance(line.bytes());
                if (line.text() != null && line.text().isBlank()) {
                    continue;
                }
                counts.lines.incrementAndGet();
                Future<String> result = pool.submit(() -> decide(knowledgeBase, reader, writer, name, line, counts));
                inFlight.put(result);
                meter.show(counts.lines.get());
            }
            inFlight.put(CompletableFuture.completedFuture(null));
            writerThread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } finally {
            pool.shutdownNow();
        }
        if (writeFailure[0] != null) {
            throw new IOException("cannot write the decisions: " + writeFailure[0].getMessage(), writeFailure[0]);
        }
    }

    private String decide(KnowledgeBase knowledgeBase, ScenarioReader reader, ObjectWriter writer, Path name,
                          LineReader.Line line, Counts counts) throws JsonProcessingException {
        try {
            if (line.text() == null) {
                throw new InputError(name, line.number(), "the line is longer than " + MAX_LINE / 1024
                        + " KB; it was skipped");
            }
            Decision decision = knowledgeBase.evaluate(reader.readJsonLine(name, line.number(), line.text()).profile());
            counts.decided.incrementAndGet();
            if (summary) {
                return writer.writeValueAsString(DecisionSummary.of(decision));
            }
            return writer.writeValueAsString(decision);
        } catch (InputError e) {
            counts.errors.incrementAndGet();
            return errorRecord(writer, line.number(), e.problem());
        } catch (EvaluationException e) {
            counts.errors.incrementAndGet();
            return errorRecord(writer, line.number(), "no decision: " + e.getMessage());
        }
    }

    private static String errorRecord(ObjectWriter writer, long line, String problem) throws JsonProcessingException {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("line", line);
        node.put("error", problem);
        return writer.writeValueAsString(node);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // nothing more to do
            }
        }
    }
}
