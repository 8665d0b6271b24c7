package alipaykb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The parts of batch: the line reader, the pipeline that gives every line exactly one record in input order
 * whatever a decision throws, and the progress display.
 */
class BatchPartsTest {

    private static LineReader reader(byte[] bytes, int max) {
        return new LineReader(new ByteArrayInputStream(bytes), max);
    }

    private static LineReader reader(String text, int max) {
        return reader(text.getBytes(StandardCharsets.UTF_8), max);
    }

    @Test
    void aLineLongerThanTheBoundComesBackWithoutItsTextAndTheNextLineIsIntact() throws IOException {
        // Given a short line, a line of 50 characters and another short line, read with a bound of 10
        LineReader lines = reader("first\r\n" + "x".repeat(50) + "\nthird", 10);

        // When they are read
        LineReader.Line first = lines.next();
        LineReader.Line long_ = lines.next();
        LineReader.Line third = lines.next();

        // Then the long one has no text but a problem, and the lines around it are whole and numbered
        assertThat(first.text()).isEqualTo("first");
        assertThat(long_.text()).isNull();
        assertThat(long_.problem()).contains("longer than");
        assertThat(long_.number()).isEqualTo(2);
        assertThat(third.text()).isEqualTo("third");
        assertThat(third.number()).isEqualTo(3);
        assertThat(lines.next()).isNull();
    }

    @Test
    void aLineThatIsNotUtf8ComesBackWithTheByteWhereItBreaks() throws IOException {
        // Given a line holding a lone continuation byte after three good bytes, between two good lines
        byte[] bad = {'{', '"', 'a', (byte) 0x80, '}'};
        byte[] input = concat("good\n".getBytes(StandardCharsets.UTF_8), bad, "\nnext\n".getBytes(StandardCharsets.UTF_8));

        // When the lines are read
        LineReader lines = reader(input, 100);
        LineReader.Line good = lines.next();
        LineReader.Line broken = lines.next();
        LineReader.Line next = lines.next();

        // Then the broken line is not decoded with replacement characters, but refused at its fourth byte
        assertThat(good.text()).isEqualTo("good");
        assertThat(broken.text()).isNull();
        assertThat(broken.problem()).isEqualTo("the line is not valid UTF-8: byte 4 begins a malformed sequence; it was "
                + "not read");
        assertThat(next.text()).isEqualTo("next");
        assertThat(lines.next()).isNull();
    }

    @Test
    void aSequenceCutOffAtTheEndOfALineIsNotUtf8() throws IOException {
        // Given a line ending in the first two bytes of a three-byte character
        byte[] input = {'a', (byte) 0xE4, (byte) 0xB8, '\n'};

        // When it is read, then it is refused
        assertThat(reader(input, 100).next().problem()).contains("not valid UTF-8: byte 2");
    }

    @Test
    void emptyLinesAreLinesAndALastLineWithoutAnEndIsRead() throws IOException {
        // Given an empty line, a blank line and a last line with no line end
        LineReader lines = reader("\n  \nlast", 100);

        // Then all three come back, numbered, and nothing follows
        assertThat(lines.next()).extracting(LineReader.Line::number, LineReader.Line::text).containsExactly(1, "");
        assertThat(lines.next()).extracting(LineReader.Line::number, LineReader.Line::text).containsExactly(2, "  ");
        assertThat(lines.next()).extracting(LineReader.Line::number, LineReader.Line::text).containsExactly(3, "last");
        assertThat(lines.next()).isNull();
    }

    @Test
    void aByteOrderMarkAtTheStartIsDroppedAndMultiByteTextIsKept() throws IOException {
        // Given a file starting with a UTF-8 byte-order mark, then Chinese text
        byte[] input = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "支付宝\n".getBytes(StandardCharsets.UTF_8));

        // When it is read, then the text comes back without the mark
        assertThat(reader(input, 100).next().text()).isEqualTo("支付宝");
    }

    @Test
    void aLineOfExactlyTheBoundIsReadWhole() throws IOException {
        assertThat(reader("x".repeat(10) + "\n" + "y".repeat(11), 10).next().text()).isEqualTo("x".repeat(10));
    }

    @Test
    @Timeout(10)
    void aLineThatNeverEndsComesBackAsTooLongOnceItPassesTheBound() throws IOException {
        // Given an input that is one line without end, as /dev/zero is
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                java.util.Arrays.fill(buffer, offset, offset + length, (byte) 'x');
                return length;
            }
        };

        // When a line is read with a bound of 1,000 bytes
        LineReader.Line line = new LineReader(endless, 1000).next();

        // Then it comes back at once, too long, numbered 1
        assertThat(line.number()).isEqualTo(1);
        assertThat(line.text()).isNull();
        assertThat(line.problem()).contains("longer than 1000 bytes");
    }

    @Test
    @Timeout(20)
    void aRecordIsWrittenAsSoonAsItsLineIsDecidedWhenTheInputWaits() throws Exception {
        // Given a pipe into batch, written one line at a time, and an output that shows what was flushed
        java.io.PipedOutputStream feed = new java.io.PipedOutputStream();
        java.io.PipedInputStream input = new java.io.PipedInputStream(feed, 1 << 16);
        StringBuilder flushed = new StringBuilder();
        Writer out = new Writer() {
            private final StringBuilder pending = new StringBuilder();

            @Override
            public void write(char[] text, int offset, int length) {
                pending.append(text, offset, length);
            }

            @Override
            public void flush() {
                synchronized (flushed) {
                    flushed.append(pending);
                }
                pending.setLength(0);
            }

            @Override
            public void close() {
            }
        };
        Thread run = new Thread(() -> {
            try {
                new BatchPipeline(2, 1 << 20, BatchPartsTest::decideOrThrow).run(new LineReader(input, 100), out, l -> { });
            } catch (BatchPipeline.StoppedException e) {
                throw new IllegalStateException(e);
            }
        });
        run.start();

        // When one line is written and the pipe then waits
        feed.write("7\n".getBytes(StandardCharsets.UTF_8));
        feed.flush();

        // Then its record reaches the output before any more input comes
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            synchronized (flushed) {
                if (flushed.toString().equals("{\"n\":7}\n")) {
                    break;
                }
            }
            Thread.sleep(10);
        }
        synchronized (flushed) {
            assertThat(flushed.toString()).isEqualTo("{\"n\":7}\n");
        }
        feed.close();
        run.join();
    }

    // ---------------------------------------------------------------- the pipeline

    /** Decides "n" lines as {"n":n}, and throws what a line names: error, runtime, oom, null. */
    private static BatchPipeline.Record decideOrThrow(LineReader.Line line) throws Exception {
        String text = line.text();
        switch (text) {
            case "error" -> throw new AssertionError("a rule's assertion");
            case "stack" -> throw new StackOverflowError();
            case "oom" -> throw new OutOfMemoryError("Java heap space");
            case "runtime" -> throw new IllegalStateException("a bug");
            case "checked" -> throw new Exception("checked");
            case "null" -> {
                return null;
            }
            default -> {
                return new BatchPipeline.Record("{\"n\":" + text + "}", true);
            }
        }
    }

    private static String lines(List<String> texts) {
        return String.join("\n", texts) + "\n";
    }

    @Test
    void everyLineGetsExactlyOneRecordInOrderWhateverItsDecisionThrows() throws Exception {
        // Given 2,000 lines, a random tenth of which make the decider throw an Error, an exception or return nothing
        List<String> kinds = List.of("error", "stack", "oom", "runtime", "checked", "null");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            texts.add(ThreadLocalRandom.current().nextInt(10) == 0 ? kinds.get(i % kinds.size()) : String.valueOf(i));
        }
        StringWriter out = new StringWriter();

        // When they run through the pipeline on 8 threads
        BatchPipeline.Counts counts = new BatchPipeline(8, 1 << 20, BatchPartsTest::decideOrThrow)
                .run(reader(lines(texts), 100), out, line -> { });

        // Then there is one record per line, in order: the decision, or an error naming the line
        List<String> records = out.toString().lines().toList();
        assertThat(records).hasSize(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (kinds.contains(text)) {
                assertThat(records.get(i)).startsWith("{\"line\":" + (i + 1) + ",\"error\":\"the line could not be decided");
            } else {
                assertThat(records.get(i)).isEqualTo("{\"n\":" + text + "}");
            }
        }
        // And the counts add up to the lines read
        long errors = texts.stream().filter(kinds::contains).count();
        assertThat(counts).extracting(BatchPipeline.Counts::read, BatchPipeline.Counts::decided, BatchPipeline.Counts::errors)
                .containsExactly((long) texts.size(), texts.size() - errors, errors);
    }

    @Test
    void anErrorRecordSaysWhatWasThrown() throws Exception {
        StringWriter out = new StringWriter();
        new BatchPipeline(2, 1 << 20, BatchPartsTest::decideOrThrow).run(reader("oom\nruntime\n", 100), out, line -> { });
        assertThat(out.toString().lines()).containsExactly(
                "{\"line\":1,\"error\":\"the line could not be decided: OutOfMemoryError: Java heap space\"}",
                "{\"line\":2,\"error\":\"the line could not be decided: IllegalStateException: a bug\"}");
    }

    @Test
    void linesThatCouldNotBeReadGetTheirProblemAsTheirRecord() throws Exception {
        // Given a line that is too long and one that is not UTF-8, between good ones
        byte[] input = concat("1\n".getBytes(StandardCharsets.UTF_8), "9".repeat(200).getBytes(StandardCharsets.UTF_8),
                new byte[] {'\n', (byte) 0xFF, '\n', '4', '\n'});
        StringWriter out = new StringWriter();

        // When they run through the pipeline
        BatchPipeline.Counts counts = new BatchPipeline(2, 1 << 20, BatchPartsTest::decideOrThrow)
                .run(reader(input, 100), out, line -> { });

        // Then each bad line has its problem, and the decider never saw them
        assertThat(out.toString().lines()).containsExactly("{\"n\":1}",
                "{\"line\":2,\"error\":\"the line is longer than 100 bytes; it was not read\"}",
                "{\"line\":3,\"error\":\"the line is not valid UTF-8: byte 1 begins a malformed sequence; it was not read\"}",
                "{\"n\":4}");
        assertThat(counts).extracting(BatchPipeline.Counts::read, BatchPipeline.Counts::decided, BatchPipeline.Counts::errors)
                .containsExactly(4L, 2L, 2L);
    }

    /** A writer that takes a number of writes and then fails, as a full disk does. */
    private static final class FailingWriter extends Writer {
        private final int failAfter;
        private final StringBuilder written = new StringBuilder();
        private int writes;

        FailingWriter(int failAfter) {
            this.failAfter = failAfter;
        }

        @Override
        public void write(char[] text, int offset, int length) throws IOException {
            if (++writes > failAfter) {
                throw new IOException("No space left on device");
            }
            written.append(text, offset, length);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    @Timeout(30)
    void aWriteFailureStopsTheRunPromptlyWithTheCountsSoFar() {
        // Given 100,000 lines and a writer that fails after 10 writes (five records and their line ends)
        String input = IntStream.range(0, 100_000).mapToObj(String::valueOf).collect(Collectors.joining("\n"));
        AtomicInteger decided = new AtomicInteger();
        BatchPipeline pipeline = new BatchPipeline(4, 1 << 20, line -> {
            decided.incrementAndGet();
            return decideOrThrow(line);
        });

        // When the pipeline runs into it
        BatchPipeline.StoppedException stopped = catchThrowableOfType(BatchPipeline.StoppedException.class,
                () -> pipeline.run(reader(input, 100), new FailingWriter(10), line -> { }));

        // Then it stops with the write failure, having written 5 records, and decides only a window more
        assertThat(stopped).hasMessage("cannot write the decisions: No space left on device");
        assertThat(stopped.counts().written()).isEqualTo(5);
        assertThat(stopped.counts().read()).isLessThan(1000);
        assertThat(decided.get()).isLessThan(1000);
    }

    @Test
    @Timeout(30)
    void anInputThatCannotBeReadStopsTheRunWithTheLinesWritten() {
        // Given an input that fails after its first 2 lines
        InputStream failing = new InputStream() {
            private final byte[] start = "1\n2\n".getBytes(StandardCharsets.UTF_8);
            private int at;

            @Override
            public int read() throws IOException {
                if (at < start.length) {
                    return start[at++];
                }
                throw new IOException("Input/output error");
            }
        };
        StringWriter out = new StringWriter();

        // When the pipeline reads it
        BatchPipeline.StoppedException stopped = catchThrowableOfType(BatchPipeline.StoppedException.class,
                () -> new BatchPipeline(2, 1 << 20, BatchPartsTest::decideOrThrow)
                        .run(new LineReader(failing, 100), out, line -> { }));

        // Then it says so, and the two lines read before were not dropped
        assertThat(stopped).hasMessage("cannot read the input after line 2: Input/output error");
        assertThat(stopped.counts().read()).isEqualTo(2);
    }

    @Test
    void linesInFlightStayWithinTheByteBound() throws Exception {
        // Given lines of 1,000 bytes, a bound of 10,000 bytes in flight, and a decider that records how many
        // lines are being decided at once
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        String input = IntStream.range(0, 500).mapToObj(i -> "x".repeat(999)).collect(Collectors.joining("\n"));
        BatchPipeline pipeline = new BatchPipeline(4, 10_000, line -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            Thread.sleep(1);
            inFlight.decrementAndGet();
            return new BatchPipeline.Record("{}", true);
        });
        List<Integer> seen = new ArrayList<>();

        // When they run, with the reader counting lines handed on but not yet written
        StringWriter out = new StringWriter();
        pipeline.run(reader(input, 2000), out, line -> seen.add(line.number()));

        // Then every line was handed on and written, and never more than 10 lines were in flight
        assertThat(seen).hasSize(500);
        assertThat(out.toString().lines()).hasSize(500);
        assertThat(most.get()).isLessThanOrEqualTo(10);
    }

    // ---------------------------------------------------------------- progress

    @Test
    void progressShowsTheCountTheRateAndTheTimeLeft() {
        // Given a progress display over 1,000 bytes, enabled as on a terminal
        StringWriter err = new StringWriter();
        Progress progress = new Progress(new PrintWriter(err, true), 1000, true);

        // When a quarter of the input has been read, 250 lines
        progress.advance(250);
        progress.show(250);
        progress.finish();

        // Then one line shows the count, a rate, the share done and the time left, with no control character
        assertThat(err.toString()).startsWith("250 lines · ").contains("/s · ").contains("25% · ").contains(" left")
                .endsWith(System.lineSeparator()).doesNotContain("\r");
    }

    @Test
    void progressStaysSilentWhenNotOnATerminal() {
        StringWriter err = new StringWriter();
        Progress progress = new Progress(new PrintWriter(err, true), 1000, false);
        progress.advance(500);
        progress.show(500);
        progress.finish();
        assertThat(err.toString()).isEmpty();
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
