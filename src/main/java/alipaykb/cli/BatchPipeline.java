package alipaykb.cli;

import alipaykb.json.DecisionJson;
import alipaykb.facts.SafeText;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Decides lines on a pool of threads and writes exactly one record per line read, in input order. One thread
 * reads, hands lines to the pool and writes the finished records in order; at most a bounded number of lines,
 * and of bytes, are in flight, so memory does not grow with the input and nothing waits on a queue that no one
 * drains. Whatever a decision throws, {@link Error}s included, its line gets an error record. A failure to
 * read the input or to write a record stops the run at once.
 */
final class BatchPipeline {
    /** What became of one line: its JSON record, and whether it was decided. */
    record Record(String json, boolean decided) {
    }

    /** Makes a line's record; anything it throws becomes the line's error record. */
    interface Decider {
        Record decide(LineReader.Line line) throws Exception;
    }

    /**
     * Lines read, and what their records said: lines read = decided + errors when the run completed. When it
     * stopped, {@code flushed} records at least reached the output whole.
     */
    record Counts(long read, long decided, long errors, long flushed) {
        long written() {
            return decided + errors;
        }
    }

    /** The run stopped before every line had its record. */
    static final class StoppedException extends Exception {
        private final transient Counts counts;

        StoppedException(String message, Counts counts, Throwable cause) {
            super(message, cause);
            this.counts = counts;
        }

        Counts counts() {
            return counts;
        }
    }

    private record Pending(Future<Record> record, LineReader.Line line) {
    }

    private final int threads;
    private final int maxLinesInFlight;
    private final long maxBytesInFlight;
    private final Decider decider;

    BatchPipeline(int threads, long maxBytesInFlight, Decider decider) {
        this.threads = threads;
        this.maxLinesInFlight = threads * 64;
        this.maxBytesInFlight = maxBytesInFlight;
        this.decider = decider;
    }

    /**
     * Reads every line, decides it and writes its record followed by a line end.
     *
     * @param afterLine called on the reading thread after each line is handed on, with the line (progress)
     * @throws StoppedException when the input could not be read or a record could not be written; what was
     *                          written before stays written
     */
    Counts run(LineReader lines, Writer out, java.util.function.Consumer<LineReader.Line> afterLine)
            throws StoppedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "batch-decider");
            thread.setDaemon(true);
            return thread;
        });
        Window window = new Window(out);
        // While the input keeps the reader waiting (a pipe, a line still coming), what is decided is handed on.
        lines.whenIdle(inputWaits -> {
            try {
                window.handOn(inputWaits);
            } catch (StoppedException e) {
                throw new Stop(e);
            }
        });
        try {
            while (true) {
                LineReader.Line line;
                try {
                    line = lines.next();
                } catch (Stop e) {
                    throw e.stopped;
                } catch (IOException e) {
                    throw new StoppedException("cannot read the input after line " + window.read + ": "
                            + e.getMessage(), window.counts(), e);
                }
                if (line == null) {
                    break;
                }
                window.read++;
                while (!window.pending.isEmpty() && (window.pending.size() >= maxLinesInFlight
                        || window.bytes + line.bytes() > maxBytesInFlight)) {
                    window.writeFirst();
                }
                window.pending.add(new Pending(pool.submit(() -> decideSafely(line)), line));
                window.bytes += line.bytes();
                afterLine.accept(line);
                while (!window.pending.isEmpty() && window.pending.peekFirst().record().isDone()) {
                    window.writeFirst();
                }
            }
            window.handOn(true);
            return window.counts();
        } finally {
            pool.shutdownNow();
        }
    }

    /** A failure to write, carried out of the reader's idle call. */
    private static final class Stop extends IOException {
        private final transient StoppedException stopped;

        Stop(StoppedException stopped) {
            super(stopped.getMessage());
            this.stopped = stopped;
        }
    }

    /** The lines in flight, in input order, and what became of those before them. */
    private static final class Window {
        final Deque<Pending> pending = new ArrayDeque<>();
        final Writer out;
        long bytes;
        long read;
        long decided;
        long errors;
        /** Records known to have reached the output whole: those before its last flush. */
        long flushed;

        Window(Writer out) {
            this.out = out;
        }

        Counts counts() {
            return new Counts(read, decided, errors, flushed);
        }

        /** Writes what is decided (every line in flight, when the input waits) and flushes it. */
        void handOn(boolean all) throws StoppedException {
            long before = decided + errors;
            while (!pending.isEmpty() && (all || pending.peekFirst().record().isDone())) {
                writeFirst();
            }
            if (decided + errors > before || all) {
                try {
                    out.flush();
                } catch (IOException e) {
                    throw writeFailure(e);
                }
                flushed = decided + errors;
            }
        }

        /** Writes the oldest line's record, waiting for it. */
        void writeFirst() throws StoppedException {
            Pending first = pending.removeFirst();
            Record record;
            try {
                record = first.record().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoppedException("interrupted after " + (decided + errors) + " records", counts(), e);
            } catch (ExecutionException | RuntimeException e) {
                record = error(first.line().number(), "the line could not be decided: " + describe(e));
            }
            try {
                out.write(record.json());
                out.write('\n');
            } catch (IOException e) {
                throw writeFailure(e);
            }
            if (record.decided()) {
                decided++;
            } else {
                errors++;
            }
            bytes -= first.line().bytes();
        }

        private StoppedException writeFailure(IOException e) {
            return new StoppedException("cannot write the decisions: " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()), counts(), e);
        }
    }

    private Record decideSafely(LineReader.Line line) {
        try {
            if (line.text() == null) {
                return error(line.number(), line.problem());
            }
            Record record = decider.decide(line);
            if (record == null || record.json() == null) {
                return error(line.number(), "the line could not be decided: no record was made");
            }
            return record;
        } catch (Throwable e) {
            return error(line.number(), "the line could not be decided: " + describe(e));
        }
    }

    private static String describe(Throwable e) {
        Throwable shown = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        String message = shown.getMessage();
        return message == null || message.isBlank() ? shown.getClass().getSimpleName()
                : shown.getClass().getSimpleName() + ": " + message;
    }

    /** The error record of a line: its number and what went wrong. It is always made. */
    static Record error(long line, String problem) {
        try {
            ObjectNode node = DecisionJson.object();
            node.put("line", line);
            // one line: a line break in what a rule threw is written U+000A, as in every one-line error
            node.put("error", SafeText.oneLine(problem));
            return new Record(DecisionJson.line(node, true), false);
        } catch (Throwable e) {
            return new Record("{\"line\":" + line + ",\"error\":\"the line could not be decided\"}", false);
        }
    }
}
