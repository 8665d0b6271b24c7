package alipaykb.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads lines of bytes of any length without holding more than a bounded number of them, and decodes each as
 * strict UTF-8. Every line ends as text or as a problem: a line longer than the bound, or one that is not
 * UTF-8, comes back with the problem and without its text. A line ends at {@code \n}; a {@code \r} before it
 * is dropped, and so is a byte-order mark at the start of the input.
 */
final class LineReader {
    /**
     * One line.
     *
     * @param number  its line number, from 1
     * @param text    its text without the line end, or null when it could not be read
     * @param problem why it could not be read, or null
     * @param bytes   how many bytes it took in the input, its end included
     */
    record Line(int number, String text, String problem, long bytes) {
    }

    private final InputStream in;
    private final int max;
    private final byte[] buffer = new byte[1 << 16];
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] line = new byte[256];
    private int position;
    private int limit;
    private int number;
    private boolean ended;
    /** Whether the rest of a line too long to read is still to be skipped. */
    private boolean skipping;

    LineReader(InputStream in, int max) {
        this.in = in;
        this.max = max;
    }

    /** Called before the reader reads more input: with true when the input has nothing ready yet. */
    interface Idle {
        void idle(boolean inputWaits) throws IOException;
    }

    private static final long IDLE_EVERY_NANOS = 1_000_000_000L;
    private Idle idle;
    private long lastIdle = System.nanoTime();

    /**
     * Sets what to do while the input keeps the reader waiting: called before each read that would wait, and
     * at least once a second while a long line is read or skipped.
     */
    void whenIdle(Idle idle) {
        this.idle = idle;
    }

    private int read() throws IOException {
        if (idle != null) {
            boolean waits = in.available() == 0;
            long now = System.nanoTime();
            if (waits || now - lastIdle > IDLE_EVERY_NANOS) {
                lastIdle = now;
                idle.idle(waits);
            }
        }
        return in.read(buffer, 0, buffer.length);
    }

    /**
     * The next line, or null at the end of the input. A line longer than the bound comes back as soon as it is
     * known to be, without its text, and the rest of it is skipped before the line after it is read.
     */
    Line next() throws IOException {
        if (ended) {
            return null;
        }
        if (skipping && !skipRest()) {
            return null;
        }
        int length = 0;
        long taken = 0;
        boolean tooLong = false;
        while (true) {
            if (position == limit && !fill()) {
                return taken == 0 ? null : line(length, tooLong, taken);
            }
            int start = position;
            int end = start;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            int n = end - start;
            taken += n;
            if (!tooLong) {
                if (length + n > max) {
                    tooLong = true;
                    if (end == limit) {
                        position = limit;
                        skipping = true;
                        return line(length, true, taken);
                    }
                } else {
                    if (length + n > line.length) {
                        byte[] larger = new byte[Math.min(max, Math.max(line.length * 2, length + n))];
                        System.arraycopy(line, 0, larger, 0, length);
                        line = larger;
                    }
                    System.arraycopy(buffer, start, line, length, n);
                    length += n;
                }
            }
            if (end < limit) {
                position = end + 1;
                return line(length, tooLong, taken + 1);
            }
            position = limit;
        }
    }

    /** Reads the next bytes into the buffer; false at the end of the input. */
    private boolean fill() throws IOException {
        limit = read();
        position = 0;
        if (limit <= 0) {
            limit = 0;
            ended = true;
            return false;
        }
        return true;
    }

    /** Skips to the end of the line being skipped; false when the input ended first. */
    private boolean skipRest() throws IOException {
        while (true) {
            if (position == limit && !fill()) {
                return false;
            }
            while (position < limit) {
                if (buffer[position++] == '\n') {
                    skipping = false;
                    return true;
                }
            }
        }
    }

    private Line line(int length, boolean tooLong, long taken) {
        number++;
        if (tooLong) {
            return new Line(number, null, "the line is longer than " + (max % 1024 == 0 ? max / 1024 + " KB" : max + " bytes")
                    + "; it was not read", taken);
        }
        int from = 0;
        if (number == 1 && length >= 3 && (line[0] & 0xff) == 0xEF && (line[1] & 0xff) == 0xBB
                && (line[2] & 0xff) == 0xBF) {
            from = 3;
        }
        if (length > from && line[length - 1] == '\r') {
            length--;
        }
        ByteBuffer bytes = ByteBuffer.wrap(line, from, length - from);
        CharBuffer chars = CharBuffer.allocate(length - from);
        decoder.reset();
        CoderResult result = decoder.decode(bytes, chars, true);
        if (!result.isError()) {
            result = decoder.flush(chars);
        }
        if (result.isError()) {
            return new Line(number, null, "the line is not valid UTF-8: byte " + (bytes.position() - from + 1)
                    + " begins a malformed sequence; it was not read", taken);
        }
        chars.flip();
        return new Line(number, chars.toString(), null, taken);
    }
}
