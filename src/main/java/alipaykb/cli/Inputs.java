package alipaykb.cli;

import alipaykb.engine.KnowledgeBase;
import alipaykb.scenario.InputError;
import alipaykb.scenario.Scenario;
import alipaykb.scenario.ScenarioReader;
import alipaykb.scenario.ScenarioSuite;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** What commands start from, read the same way by each: scenario files, or the rules and one profile. */
final class Inputs {
    private Inputs() {
    }

    /** The rules and one profile, or the exit code that says why they could not be had. */
    record OneProfile(KnowledgeBase knowledgeBase, Scenario scenario, int exit) {
        boolean ready() {
            return exit == ExitCodes.OK;
        }
    }

    /** Loads the rules and reads one profile, printing why not when either fails. */
    static OneProfile oneProfile(Path file, RulesOption rules, PrintWriter err) {
        if (!Files.exists(file)) {
            err.println("error: " + file + ": no such file");
            return new OneProfile(null, null, ExitCodes.USAGE);
        }
        // The profile is read while the rules load: each takes a good part of a short command's time. What
        // is said, and in which order, does not change: a problem with the rules first, and only then the
        // profile's. Rules that fail while the profile is still being read, or after its reading ran out of
        // memory, are loaded again alone: they may have failed for want of the memory the reading held.
        FutureTask<Scenario> reading = new FutureTask<>(() -> new ScenarioReader().read(file));
        Thread reader = new Thread(reading, "alipay-kb profile reader");
        reader.setDaemon(true);
        reader.start();
        StringWriter rulesErrors = new StringWriter();
        KnowledgeBase knowledgeBase = rules.load(new PrintWriter(rulesErrors, true));
        if (knowledgeBase == null && (!reading.isDone() || failedWithError(reading))) {
            awaitQuietly(reading);
            rulesErrors = new StringWriter();
            knowledgeBase = rules.load(new PrintWriter(rulesErrors, true));
        }
        if (knowledgeBase == null) {
            err.print(rulesErrors);
            return new OneProfile(null, null, ExitCodes.USAGE);
        }
        try {
            Scenario scenario = failedWithError(reading) ? new ScenarioReader().read(file) : readingDone(reading);
            return new OneProfile(knowledgeBase, scenario, ExitCodes.OK);
        } catch (InputError e) {
            err.println("error: " + e.getMessage());
            return new OneProfile(knowledgeBase, null, ExitCodes.FAILED);
        }
    }

    /** Whether the reading has ended in an Error (out of memory, say) rather than a result or an input error. */
    private static boolean failedWithError(FutureTask<Scenario> reading) {
        awaitQuietly(reading);
        try {
            reading.get();
            return false;
        } catch (ExecutionException e) {
            return e.getCause() instanceof Error;
        } catch (InterruptedException | java.util.concurrent.CancellationException e) {
            return false;
        }
    }

    /** Waits for the reading to end, keeping this thread's interrupt. */
    private static void awaitQuietly(FutureTask<Scenario> reading) {
        boolean interrupted = false;
        while (!reading.isDone()) {
            try {
                reading.get();
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the reader read, or what it threw, as if it had been read on this thread. */
    private static Scenario readingDone(FutureTask<Scenario> reading) throws InputError {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return reading.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InputError input) {
                throw input;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The scenario files the paths name, or null (having said why) when a path names nothing. */
    static List<Path> scenarioFiles(List<Path> paths, PrintWriter err) {
        try {
            return ScenarioSuite.collect(paths);
        } catch (ScenarioSuite.MissingPathException e) {
            err.println("error: " + e.getMessage());
            return null;
        }
    }
}
