package alipaykb.cli;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines of any length without holding more than a bounded number of characters: a line longer than
 * the bound comes back without its text, and is skipped to its end.
 */
final class LineReader {
    /**
     * One line.
     *
     * @param number its line number, from 1
     * @param text   its text without the line end, or null when it was longer than the bound
     * @param bytes  about how many bytes it took in the input, for progress
     */
    record Line(int number, String text, long bytes) {
    }

    private final Reader in;
    private final int max;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private int number;

    LineReader(Reader in, int max) {
        this.in = in;
        this.max = max;
    }

    /** The next line, or null at the end of the input. */
    Line next() throws IOException {
        StringBuilder text = new StringBuilder();
        boolean tooLong = false;
        long length = 0;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (length == 0) {
                        return null;
                    }
                    return line(text, tooLong, length);
                }
            }
            char c = buffer[position++];
            length++;
            if (c == '\n') {
                return line(text, tooLong, length);
            }
            if (!tooLong) {
                if (text.length() >= max) {
                    tooLong = true;
                    text.setLength(0);
                } else {
                    text.append(c);
                }
            }
        }
    }

    private Line line(StringBuilder text, boolean tooLong, long length) {
        number++;
        int end = text.length();
        if (!tooLong && end > 0 && text.charAt(end - 1) == '\r') {
            text.setLength(end - 1);
        }
        return new Line(number, tooLong ? null : text.toString(), length);
    }
}
