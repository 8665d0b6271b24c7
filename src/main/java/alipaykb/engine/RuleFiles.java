package alipaykb.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Work on rule files done side by side, one file per task, on every core: parsing, and reading and
 * verifying compiled files while another is being compiled. The threads have a deep stack, since
 * parsers and compilers recurse on nesting.
 */
final class RuleFiles {
    private static final long STACK = 64L * 1024 * 1024;
    private static final ExecutorService WORKERS = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), runnable -> {
                Thread thread = new Thread(null, runnable, "alipay-kb rule files", STACK);
                thread.setDaemon(true);
                return thread;
            });

    private RuleFiles() {
    }

    /** The work's results, in the order of the files; what a task throws is thrown here. */
    static <F, T> List<T> inParallel(List<F> files, Function<F, T> work) {
        if (files.size() < 2) {
            return files.stream().map(work).toList();
        }
        List<Future<T>> futures = new ArrayList<>();
        for (F file : files) {
            futures.add(WORKERS.submit(() -> work.apply(file)));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            try {
                results.add(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the rule files", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
        return results;
    }
}
