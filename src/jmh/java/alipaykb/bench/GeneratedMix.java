package alipaykb.bench;

import alipaykb.engine.KnowledgeBase;
import alipaykb.facts.Profile;
import alipaykb.scenario.InputError;
import alipaykb.scenario.ScenarioReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The time and bytes of one decision over the mix of profiles {@code batch} is measured on (the README's generator),
 * one thread, no JSON: the decisions' share of a batch line. The profiles are read once, then decided in turn, round
 * after round; each round prints its figures, and the median of the last half of the rounds ends the run.
 *
 * <pre>
 * python3 bench/generate-profiles.py 20000 > /tmp/profiles-20k.jsonl
 * java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
 *     alipaykb.bench.GeneratedMix /tmp/profiles-20k.jsonl [ROUNDS [SECONDS_PER_ROUND]]
 * </pre>
 */
public final class GeneratedMix {
    private GeneratedMix() {
    }

    public static void main(String[] args) throws IOException, InputError {
        if (args.length < 1) {
            System.err.println("usage: GeneratedMix PROFILES.jsonl [ROUNDS [SECONDS_PER_ROUND]]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        long nanosPerRound = (args.length > 2 ? Long.parseLong(args[2]) : 3) * 1_000_000_000L;
        KnowledgeBase knowledgeBase = KnowledgeBase.load(Path.of("rules"));
        ScenarioReader reader = new ScenarioReader();
        List<Profile> profiles = new ArrayList<>();
        try (BufferedReader lines = Files.newBufferedReader(file)) {
            int number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                profiles.add(reader.readJsonLine(file, ++number, line).profile());
            }
        }
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double[] micros = new double[rounds];
        long[] bytes = new long[rounds];
        int next = 0;
        for (int round = 0; round < rounds; round++) {
            long decided = 0;
            long allocated = threads.getCurrentThreadAllocatedBytes();
            long start = System.nanoTime();
            long elapsed;
            do {
                knowledgeBase.evaluate(profiles.get(next));
                next = (next + 1) % profiles.size();
                decided++;
                elapsed = System.nanoTime() - start;
            } while (elapsed < nanosPerRound);
            micros[round] = elapsed / 1e3 / decided;
            bytes[round] = (threads.getCurrentThreadAllocatedBytes() - allocated) / decided;
            System.out.printf("round %d: %,.1f us and %,d bytes per decision (%,.0f decisions/s)%n", round + 1,
                    micros[round], bytes[round], 1e6 / micros[round]);
        }
        double[] last = Arrays.copyOfRange(micros, rounds / 2, rounds);
        Arrays.sort(last);
        System.out.printf("median of the last %d rounds: %,.1f us per decision (%,.0f decisions/s) over %,d profiles%n",
                last.length, last[last.length / 2], 1e6 / last[last.length / 2], profiles.size());
    }
}
