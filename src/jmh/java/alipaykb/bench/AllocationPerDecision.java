package alipaykb.bench;

import alipaykb.decisions.Decision;
import alipaykb.engine.KnowledgeBase;
import alipaykb.facts.Profile;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * The bytes one decision of the typical profile ({@link BenchmarkProfiles#typical()}) allocates, read from the
 * thread's allocation counter over a run of decisions after a warm-up: a figure that does not depend on how busy
 * the machine is. Run with {@code -XX:-DoEscapeAnalysis} to count every object the code creates, whatever the
 * just-in-time compiler would have kept off the heap, so that two versions of the rules or of the engine compare
 * exactly after a short run; JMH's {@code -prof gc} gives the figure with escape analysis.
 *
 * <pre>
 * java -XX:-DoEscapeAnalysis -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
 *     alipaykb.bench.AllocationPerDecision [RULES_FOLDER [WARM_UP [DECISIONS]]]
 * </pre>
 */
public final class AllocationPerDecision {
    private AllocationPerDecision() {
    }

    public static void main(String[] args) {
        KnowledgeBase knowledgeBase = KnowledgeBase.load(Path.of(args.length > 0 ? args[0] : "rules"));
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int decisions = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        Profile profile = BenchmarkProfiles.typical();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        Decision decision = null;
        for (int i = 0; i < warmUp; i++) {
            decision = knowledgeBase.evaluate(profile);
        }
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < decisions; i++) {
            decision = knowledgeBase.evaluate(profile);
        }
        long after = threads.getThreadAllocatedBytes(thread);
        int firings = decision == null ? 0 : decision.firedRules().stream().mapToInt(fired -> fired.times()).sum();
        System.out.printf("%,d bytes allocated per decision over %d decisions (%d rule firings each)%n",
                (after - before) / decisions, decisions, firings);
    }
}
