package alipaykb.cli;

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

    /** Lines read, and what their records said. Lines read = decided + errors when the run completed. */
    record Counts(long read, long decided, long errors) {
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
        Deque<Pending> inFlight = new ArrayDeque<>();
        long[] counts = new long[3];
        long bytesInFlight = 0;
        try {
            while (true) {
                LineReader.Line line;
                try {
                    if (!inFlight.isEmpty() && lines.wouldWait()) {
                        // The input is a pipe with nothing more yet: hand on every record, as one streaming
                        // through would expect.
                        while (!inFlight.isEmpty()) {
                            bytesInFlight -= writeFirst(inFlight, out, counts);
                        }
                        flush(out, counts);
                    }
                    line = lines.next();
                } catch (IOException e) {
                    throw new StoppedException("cannot read the input after line " + counts[0] + ": " + e.getMessage(),
                            counts(counts), e);
                }
                if (line == null) {
                    break;
                }
                counts[0]++;
                while (!inFlight.isEmpty() && (inFlight.size() >= maxLinesInFlight
                        || bytesInFlight + line.bytes() > maxBytesInFlight)) {
                    bytesInFlight -= writeFirst(inFlight, out, counts);
                }
                inFlight.add(new Pending(pool.submit(() -> decideSafely(line)), line));
                bytesInFlight += line.bytes();
                afterLine.accept(line);
                while (!inFlight.isEmpty() && inFlight.peekFirst().record().isDone()) {
                    bytesInFlight -= writeFirst(inFlight, out, counts);
                }
            }
            while (!inFlight.isEmpty()) {
                writeFirst(inFlight, out, counts);
            }
            flush(out, counts);
            return counts(counts);
        } finally {
            pool.shutdownNow();
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

    /** Writes the oldest line's record, waiting for it; returns the bytes the line took. */
    private static long writeFirst(Deque<Pending> inFlight, Writer out, long[] counts) throws StoppedException {
        Pending first = inFlight.removeFirst();
        Record record;
        try {
            record = first.record().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoppedException("interrupted after " + (counts[1] + counts[2]) + " records", counts(counts), e);
        } catch (ExecutionException | RuntimeException e) {
            record = error(first.line().number(), "the line could not be decided: " + describe(e));
        }
        try {
            out.write(record.json());
            out.write('\n');
        } catch (IOException e) {
            throw writeFailure(e, counts);
        }
        counts[record.decided() ? 1 : 2]++;
        return first.line().bytes();
    }

    private static void flush(Writer out, long[] counts) throws StoppedException {
        try {
            out.flush();
        } catch (IOException e) {
            throw writeFailure(e, counts);
        }
    }

    private static StoppedException writeFailure(IOException e, long[] counts) {
        return new StoppedException("cannot write the decisions: " + (e.getMessage() == null
                ? e.getClass().getSimpleName() : e.getMessage()), counts(counts), e);
    }

    private static Counts counts(long[] counts) {
        return new Counts(counts[0], counts[1], counts[2]);
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
            ObjectNode node = Json.MAPPER.createObjectNode();
            node.put("line", line);
            node.put("error", SafeText.of(problem));
            return new Record(Json.LINE.writeValueAsString(node), false);
        } catch (Throwable e) {
            return new Record("{\"line\":" + line + ",\"error\":\"the line could not be decided\"}", false);
        }
    }
}
