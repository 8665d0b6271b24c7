package alipaykb.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Progress on stderr: count, rate and time left, one line every few seconds. It redraws nothing: control
 * characters never reach the terminal (see {@link alipaykb.facts.SafeText}).
 */
final class Progress {
    /** How often a line is shown. */
    static final long INTERVAL_NANOS = 2_000_000_000L;

    private final PrintWriter err;
    private final long totalBytes;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private long bytes;
    private long lastShown;

    Progress(PrintWriter err, long totalBytes, boolean enabled) {
        this.err = err;
        this.totalBytes = totalBytes;
        this.enabled = enabled;
    }

    /** Whether standard error is a terminal (on Linux; elsewhere, whether there is a console). */
    static boolean stderrIsTerminal() {
        try {
            Path target = Files.readSymbolicLink(Path.of("/proc/self/fd/2"));
            String name = target.toString();
            return name.startsWith("/dev/pts/") || name.startsWith("/dev/tty");
        } catch (Exception e) {
            return System.console() != null;
        }
    }

    void advance(long read) {
        bytes += read;
    }

    void show(long lines) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastShown < INTERVAL_NANOS) {
            return;
        }
        lastShown = now;
        double seconds = (now - start) / 1e9;
        String left = "";
        if (totalBytes > 0 && bytes > 0) {
            double done = Math.min(1.0, (double) bytes / totalBytes);
            long remaining = (long) (seconds / done * (1 - done));
            left = String.format(Locale.ROOT, " · %3.0f%% · %s left", done * 100, clock(remaining));
        }
        err.println(String.format(Locale.ROOT, "%,d lines · %,.0f/s · %s%s   ", lines, lines / Math.max(seconds, 1e-9),
                clock((long) seconds), left).stripTrailing());
        err.flush();
    }

    void finish() {
        err.flush();
    }

    private static String clock(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
