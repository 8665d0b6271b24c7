package alipaykb.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Whether rule files are being compiled in this process now. Some of Drools' parsers print what they cannot read
 * straight to {@code System.err} while rule files compile, as a line of their own ("line 1:14 no viable alternative
 * at character '\'"), with no file and no rule; the same problem reaches the user through the compile's errors,
 * placed in the rule file. A console may hold such lines back while a compile runs.
 */
public final class CompilerActivity {
    private static final AtomicInteger RUNNING = new AtomicInteger();
    /** What such a parser prints: "line L:C " and its message, on one line. */
    private static final Pattern PARSER_LINE = Pattern.compile("line \\d+:-?\\d+ [^\\n]*");

    private CompilerActivity() {
    }

    /** Whether a compile runs now, on any thread. */
    public static boolean compiling() {
        return RUNNING.get() > 0;
    }

    /** Whether a line printed straight to {@code System.err} has the form of a parser's own message. */
    public static boolean parserLine(String line) {
        return line != null && PARSER_LINE.matcher(line).matches();
    }

    /** Runs a compile, counted as running while it does. */
    static <T> T during(Supplier<T> work) {
        RUNNING.incrementAndGet();
        try {
            return work.get();
        } finally {
            RUNNING.decrementAndGet();
        }
    }
}
