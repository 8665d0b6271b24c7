package alipaykb.cli;

import alipaykb.decisions.Decision;
import alipaykb.decisions.DecisionSummary;
import alipaykb.engine.EvaluationException;
import alipaykb.engine.KnowledgeBase;
import alipaykb.scenario.InputError;
import alipaykb.json.DecisionJson;
import alipaykb.scenario.ScenarioReader;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
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
                "Every line gets exactly one record, in order: a line that cannot be decided (bad JSON or values, "
                        + "not UTF-8, too long, empty, or a rule that fails) gives an error record "
                        + "{\"line\": N, \"error\": \"...\"} and the run goes on. The output file is written under a "
                        + "temporary name and renamed when complete; a run that cannot write stops at once and leaves "
                        + "the old file as it was. Progress shows on stderr when it is a terminal."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every line was decided", "1:some line could not be read or decided on (see its error record)",
                "2:usage error: no such file, rules that do not compile, output not writable"})
final class BatchCommand implements Callable<Integer> {
    /** The longest line read; a longer one is an error record, skipped without being held in memory. */
    static final int MAX_LINE = 1024 * 1024;
    /** The most bytes of input being decided at once, whatever the number of threads. */
    static final long MAX_BYTES_IN_FLIGHT = 16L * 1024 * 1024;

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
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        boolean fromStdin = input.toString().equals("-") || input.toString().equals("/dev/stdin");
        if (!fromStdin && !Files.isRegularFile(input)) {
            err.println("error: " + input + (Files.exists(input)
                    ? ": is not a regular file; give a file, or - to read standard input" : ": no such file"));
            return ExitCodes.USAGE;
        }
        int parallelism = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (parallelism < 1 || parallelism > 1024) {
            err.println("error: --threads must be from 1 to 1024");
            return ExitCodes.USAGE;
        }
        boolean toStdout = output == null || output.toString().equals("-") || output.toString().equals("/dev/stdout");
        if (toStdout && !fromStdin && OutputFile.sameFile(Path.of("/proc/self/fd/1"), input)) {
            err.println("error: standard output is " + input + ", the input file: the run would read its own records"
                    + " back without end. Hint: write to another file.");
            return ExitCodes.USAGE;
        }
        if (!toStdout && writtenAsFolder()) {
            err.println("error: --out " + output + " names a folder (it ends with /); name a file");
            return ExitCodes.USAGE;
        }
        if (!toStdout) {
            try {
                OutputFile.check(output);
            } catch (OutputFile.RefusedException e) {
                err.println("error: --out " + e.getMessage());
                return ExitCodes.USAGE;
            }
            Path read = fromStdin ? Path.of("/proc/self/fd/0") : input;
            boolean ruleOrScenario = OutputFile.ruleOrScenarioFile(output);
            if (ruleOrScenario || OutputFile.sameFile(output, read)) {
                err.println("error: --out " + output + (ruleOrScenario
                        ? " is a rule or scenario file: the decisions would replace it."
                        : " is the input file: the decisions would replace the profiles.") + " Hint: name another file.");
                return ExitCodes.USAGE;
            }
        }
        KnowledgeBase knowledgeBase = rules.load(err);
        if (knowledgeBase == null) {
            return ExitCodes.USAGE;
        }
        long total;
        try {
            total = fromStdin ? -1 : Files.size(input);
        } catch (IOException e) {
            total = -1;
        }
        Progress meter = new Progress(err, total, progress != null ? progress : Progress.stderrIsTerminal());
        ScenarioReader reader = new ScenarioReader();
        Path name = input.getFileName() == null ? input : input.getFileName();
        BatchPipeline pipeline = new BatchPipeline(parallelism, MAX_BYTES_IN_FLIGHT,
                line -> decide(knowledgeBase, reader, name, line));
        long start = System.nanoTime();
        BatchPipeline.Counts counts;
        try (InputStream in = fromStdin ? System.in : Files.newInputStream(input);
             OutputFile file = toStdout ? null : OutputFile.openJson(output)) {
            Writer out = toStdout ? new BufferedWriter(new CheckedWriter(Console.jsonOut(spec.commandLine().getOut())), 1 << 16)
                    : file.writer();
            counts = pipeline.run(new LineReader(in, MAX_LINE), out, line -> {
                meter.advance(line.bytes());
                meter.show(line.number());
            });
            if (file != null) {
                file.commit();
            }
        } catch (BatchPipeline.StoppedException e) {
            meter.finish();
            BatchPipeline.Counts done = e.counts();
            err.println("error: " + e.getMessage());
            err.println(toStdout
                    ? String.format(Locale.ROOT, "stopped after %,d lines read: at least the first %,d records reached "
                            + "standard output whole; the one after them may be cut short", done.read(), done.flushed())
                    : String.format(Locale.ROOT, "stopped after %,d lines read: no record was kept, and %s was left as it "
                            + "was", done.read(), output));
            return ExitCodes.FAILED;
        } catch (OutputFile.RefusedException e) {
            err.println("error: --out " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IOException e) {
            meter.finish();
            err.println("error: " + (toStdout ? "" : "cannot write " + output + ": ")
                    + e.getMessage() + (toStdout ? "" : "; it was left as it was"));
            return ExitCodes.FAILED;
        }
        meter.finish();
        double seconds = (System.nanoTime() - start) / 1e9;
        err.println(String.format(Locale.ROOT, "%,d lines: %,d decided, %,d errors, in %.1f s (%,.0f lines/s) with %d "
                        + "threads, rules version %s%s", counts.read(), counts.decided(), counts.errors(),
                seconds, counts.read() / Math.max(seconds, 1e-9), parallelism, knowledgeBase.version(),
                toStdout ? "" : "; written to " + output));
        err.flush();
        return counts.errors() == 0 && counts.decided() == counts.read() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** Whether --out was written ending with a slash, which its path forgets: a folder, not a file. */
    private boolean writtenAsFolder() {
        picocli.CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        picocli.CommandLine.Model.OptionSpec out = parsed == null ? null : parsed.matchedOption("--out");
        return out != null && out.originalStringValues().stream().anyMatch(value -> value.endsWith("/"));
    }

    /** Makes one line's record: its decision, or an error record saying why there is none. */
    private BatchPipeline.Record decide(KnowledgeBase knowledgeBase, ScenarioReader reader, Path name,
                                        LineReader.Line line) {
        try {
            if (line.text().isBlank()) {
                throw new InputError(name, line.number(), "the line is empty: expected a profile as a JSON object");
            }
            Decision decision = knowledgeBase.evaluate(reader.readJsonLine(name, line.number(), line.text()).profile());
            return new BatchPipeline.Record(DecisionJson.line(summary ? DecisionSummary.of(decision) : decision,
                    withFiredRules), true);
        } catch (InputError e) {
            return BatchPipeline.error(line.number(), e.problem());
        } catch (EvaluationException e) {
            return BatchPipeline.error(line.number(), "no decision: " + e.getMessage());
        }
    }

    /**
     * Standard output as picocli gives it, a {@link PrintWriter} that keeps its errors to itself: a write that
     * failed (a closed pipe, a full disk) is turned back into an exception here, so that the run stops.
     */
    private static final class CheckedWriter extends Writer {
        private final PrintWriter target;

        CheckedWriter(PrintWriter target) {
            this.target = target;
        }

        @Override
        public void write(char[] text, int offset, int length) throws IOException {
            target.write(text, offset, length);
            check();
        }

        @Override
        public void flush() throws IOException {
            check();
        }

        @Override
        public void close() throws IOException {
            check();
        }

        private void check() throws IOException {
            if (target.checkError()) {
                throw new IOException("standard output could not be written (closed, or the disk is full)");
            }
        }
    }
}
