package alipaykb.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** A one-line progress display on stderr: count, rate and time left; redrawn at most a few times a second. */
final class Progress {
    private final PrintWriter err;
    private final long totalBytes;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private long bytes;
    private long lastShown;
    private boolean shown;

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
        if (now - lastShown < 250_000_000L) {
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
        err.print(String.format(Locale.ROOT, "\r%,d lines · %,.0f/s · %s%s   ", lines, lines / Math.max(seconds, 1e-9),
                clock((long) seconds), left));
        err.flush();
        shown = true;
    }

    void finish() {
        if (shown) {
            err.println();
        }
    }

    private static String clock(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
