package alipaykb.cli;

import alipaykb.engine.CompilerActivity;
import alipaykb.facts.SafeText;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Standard output and standard error as every command writes them. All text, the commands' own and anything
 * a library prints to {@code System.out} or {@code System.err} while a command runs (logs), passes through
 * {@link SafeText} on its way out: no card number and no control character reaches a terminal or a pipe,
 * whatever field it came from.
 */
final class Console {
    private static final Object SYSTEM_STREAMS = new Object();

    private Console() {
    }

    /** The writers of one run, and what to undo when it ends. */
    record Streams(PrintWriter out, PrintWriter err, PrintStream systemOut, PrintStream systemErr) {
    }

    /**
     * Runs a command with its output going to {@code out} and {@code err} through {@link SafeText}. While
     * it runs, {@code System.out} and {@code System.err} lead to the same writers, in order with the
     * command's own text.
     *
     * @return the command's exit code; 1 when it succeeded but its standard output could not be written
     */
    static int run(Writer out, Writer err, java.util.function.Function<Streams, Integer> command) {
        PrintWriter safeOut = new OneLinePrintWriter(SafeText.writer(out));
        PrintWriter safeErr = new OneLinePrintWriter(SafeText.writer(err));
        JsonOut json = new JsonOut(out, safeOut);
        JsonOut outer = JSON_OUT.get();
        JSON_OUT.set(json);
        synchronized (SYSTEM_STREAMS) {
            PrintStream oldOut = System.out;
            PrintStream oldErr = System.err;
            PrintStream systemOut = new PrintStream(new Decoding(safeOut), true, StandardCharsets.UTF_8);
            PrintStream systemErr = new WithoutParserLines(new Decoding(safeErr));
            System.setOut(systemOut);
            System.setErr(systemErr);
            int exit;
            try {
                exit = command.apply(new Streams(safeOut, safeErr, systemOut, systemErr));
            } finally {
                systemOut.flush();
                systemErr.flush();
                System.setOut(oldOut);
                System.setErr(oldErr);
                if (outer == null) {
                    JSON_OUT.remove();
                } else {
                    JSON_OUT.set(outer);
                }
            }
            // Closing ends the masking writers, which hold back digits that might yet be a card number.
            boolean jsonFailed = json.end();
            safeOut.close();
            if ((safeOut.checkError() || jsonFailed) && exit == ExitCodes.OK) {
                safeErr.println("error: standard output could not be written (closed, or the disk is full)");
                exit = ExitCodes.FAILED;
            }
            safeErr.close();
            return exit;
        }
    }

    private static final ThreadLocal<JsonOut> JSON_OUT = new ThreadLocal<>();

    /**
     * Standard output for JSON the product writes (its records and decisions), through {@link SafeText#jsonWriter}, so
     * that a run of digits never spans the JSON's structure. A command writes its JSON here and nothing else to
     * {@code out}. Outside a run (a command called with writers of its own), {@code out} itself.
     */
    static PrintWriter jsonOut(PrintWriter out) {
        JsonOut json = JSON_OUT.get();
        return json == null ? out : json.writer();
    }

    /** The JSON writer of one run, made when first asked for, over the same standard output. */
    private static final class JsonOut {
        private final Writer out;
        private final PrintWriter text;
        private PrintWriter writer;

        JsonOut(Writer out, PrintWriter text) {
            this.out = out;
            this.text = text;
        }

        synchronized PrintWriter writer() {
            if (writer == null) {
                text.flush();
                writer = new PrintWriter(SafeText.jsonWriter(new java.io.FilterWriter(out) {
                    @Override
                    public void close() throws IOException {
                        // standard output is closed with the text writer, last
                        out.flush();
                    }
                }), true);
            }
            return writer;
        }

        /** Ends the JSON, writing what its filter holds: whether writing failed. */
        synchronized boolean end() {
            if (writer == null) {
                return false;
            }
            writer.close();
            return writer.checkError();
        }
    }

    /**
     * Standard output and error, where what is printed as one line stays one line: a line break inside it (from a
     * file name, an argument, a value) is written {@code U+000A}, so that no input can begin a line of its own.
     * Text of several lines, such as JSON, is written with {@code print}.
     */
    private static final class OneLinePrintWriter extends PrintWriter {
        OneLinePrintWriter(Writer out) {
            super(out, true);
        }

        @Override
        public void println(String line) {
            super.println(SafeText.oneLine(line == null ? "null" : line));
        }

        @Override
        public void println(Object line) {
            println(String.valueOf(line));
        }
    }

    /**
     * {@code System.err} while a command runs: a line that one of Drools' parsers prints there while rule files
     * compile ({@link CompilerActivity}) is held back, since the compile reports the same problem at its place in
     * the rule file.
     */
    private static final class WithoutParserLines extends PrintStream {
        WithoutParserLines(OutputStream out) {
            super(out, true, StandardCharsets.UTF_8);
        }

        @Override
        public void println(String line) {
            if (CompilerActivity.compiling() && CompilerActivity.parserLine(line)) {
                return;
            }
            super.println(line);
        }
    }

    /** Bytes printed to a {@code PrintStream}, decoded as UTF-8 and handed on as text. */
    private static final class Decoding extends OutputStream {
        private final PrintWriter target;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final ByteBuffer bytes = ByteBuffer.allocate(8192);
        private final CharBuffer chars = CharBuffer.allocate(8192);

        Decoding(PrintWriter target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] data, int offset, int length) {
            int end = offset + length;
            while (offset < end) {
                int n = Math.min(bytes.remaining(), end - offset);
                bytes.put(data, offset, n);
                offset += n;
                drain(false);
            }
        }

        private void drain(boolean endOfInput) {
            bytes.flip();
            while (true) {
                boolean overflow = decoder.decode(bytes, chars, endOfInput).isOverflow();
                chars.flip();
                target.append(chars);
                chars.clear();
                if (!overflow) {
                    break;
                }
            }
            bytes.compact();
        }

        @Override
        public synchronized void flush() {
            drain(false);
            target.flush();
        }

        @Override
        public synchronized void close() throws IOException {
            drain(true);
            target.flush();
        }
    }
}
