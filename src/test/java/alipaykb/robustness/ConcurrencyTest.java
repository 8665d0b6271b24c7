package alipaykb.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import alipaykb.decisions.Advice;
import alipaykb.decisions.Decision;
import alipaykb.decisions.FundingOption;
import alipaykb.decisions.Tier;
import alipaykb.decisions.TransactionResult;
import alipaykb.engine.KnowledgeBase;
import alipaykb.engine.ReloadableKnowledgeBase;
import alipaykb.engine.RuleFile;
import alipaykb.engine.RuleSet;
import alipaykb.facts.Profile;
import alipaykb.scenario.ScenarioReader;
import alipaykb.scenario.ScenarioSuite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One knowledge base serves many threads at once, and takes new rules while it serves: every decision is
 * the one a lone caller gets from the one rule set it names.
 */
class ConcurrencyTest {
    private static final int THREADS = 8;
    private static final int DECISIONS_PER_THREAD = 10_000;
    private static final RuleSet SHIPPED = RuleSet.fromFolder(Path.of("src/test/resources/frozen-rules"));
    private static final String DAILY_LIMIT = "LimitScope.DAILY,    TierLimit.ALL_KINDS,          1000,";

    /** The profiles of every shipped scenario file. */
    private static List<Profile> profiles;

    @BeforeAll
    static void readTheShippedScenarios() throws Exception {
        ScenarioReader reader = new ScenarioReader();
        List<Profile> read = new ArrayList<>();
        for (Path file : ScenarioSuite.collect(List.of(Path.of("test-scenarios")))) {
            read.add(reader.read(file).profile());
        }
        profiles = List.copyOf(read);
        assertThat(profiles).hasSizeGreaterThan(50);
    }

    /** What a decision says, without the list of rules that fired. */
    record Answer(List<FundingOption> fundingOptions, Tier tier, List<TransactionResult> transactions, List<Advice> advice) {
        static Answer of(Decision decision) {
            return new Answer(decision.fundingOptions(), decision.tier(), decision.transactions(), decision.advice());
        }
    }

    private static List<Answer> sequentially(KnowledgeBase knowledgeBase) {
        return profiles.stream().map(profile -> Answer.of(knowledgeBase.evaluate(profile))).toList();
    }

    /** The shipped rules with the UNVERIFIED daily limit raised from 1,000 to 2,000 CNY. */
    private static RuleSet editedRules() {
        assertThat(SHIPPED.files()).anyMatch(file -> file.text().contains(DAILY_LIMIT));
        return RuleSet.of("edited", SHIPPED.files().stream().map(file -> new RuleFile(file.name(), file.location(),
                file.text().replace(DAILY_LIMIT, DAILY_LIMIT.replace(" 1000,", " 2000,")))).toList());
    }

    /** What went wrong in the threads: decisions that differ, and decisions that failed. */
    private static final class Trouble {
        final Queue<String> mismatches = new ConcurrentLinkedQueue<>();
        final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        final AtomicLong decisions = new AtomicLong();

        /** Keeps the first few mismatches whole; the count says how many there were. */
        void mismatch(String what) {
            if (mismatchCount.incrementAndGet() <= 10) {
                mismatches.add(what);
            }
        }

        final AtomicLong mismatchCount = new AtomicLong();
    }

    /**
     * Runs {@value #THREADS} threads of {@value #DECISIONS_PER_THREAD} decisions each, every thread cycling
     * through the profiles from its own starting point, and checks each decision as it comes.
     */
    private static Trouble decideOnManyThreads(Function<Profile, Decision> decide, Function<Decision, List<Answer>> expected)
            throws InterruptedException {
        Trouble trouble = new Trouble();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            pool.submit(() -> {
                try {
                    start.await();
                    for (int i = 0; i < DECISIONS_PER_THREAD; i++) {
                        int index = (thread * profiles.size() / THREADS + i * (thread + 1)) % profiles.size();
                        Decision decision = decide.apply(profiles.get(index));
                        trouble.decisions.incrementAndGet();
                        List<Answer> answers = expected.apply(decision);
                        if (answers == null) {
                            trouble.mismatch("profile " + index + ": unknown rules version " + decision.rulesVersion());
                        } else if (!Answer.of(decision).equals(answers.get(index))) {
                            trouble.mismatch("profile " + index + " (version " + decision.rulesVersion() + "): "
                                    + Answer.of(decision) + " instead of " + answers.get(index));
                        }
                    }
                } catch (Throwable e) {
                    trouble.failures.add(e);
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.MINUTES)).as("the threads finish").isTrue();
        return trouble;
    }

    @Test
    void threadsSharingOneKnowledgeBaseEachGetTheSequentialDecision() throws Exception {
        // Given one shared knowledge base and the decision it makes for each profile, one at a time
        KnowledgeBase knowledgeBase = KnowledgeBase.load(Path.of("src/test/resources/frozen-rules"));
        List<Answer> alone = sequentially(knowledgeBase);

        // When 8 threads make 10,000 decisions each over the profiles
        Trouble trouble = decideOnManyThreads(knowledgeBase::evaluate, decision -> alone);

        // Then every decision was made and equals the sequential one for its profile
        assertThat(trouble.failures).isEmpty();
        assertThat(trouble.mismatches).as("%d mismatches", trouble.mismatchCount.get()).isEmpty();
        assertThat(trouble.decisions).hasValue((long) THREADS * DECISIONS_PER_THREAD);
    }

    @Test
    void decisionsWhileTheRulesAreReloadedEachComeWholeFromOneVersion() throws Exception {
        // Given the shipped rules and a copy with an edited limit, and the decisions of each, one at a time
        RuleSet edited = editedRules();
        Map<String, List<Answer>> byVersion = Map.of(
                SHIPPED.version(), sequentially(KnowledgeBase.compile(SHIPPED)),
                edited.version(), sequentially(KnowledgeBase.compile(edited)));
        assertThat(IntStream.range(0, profiles.size()).filter(i -> !byVersion.get(SHIPPED.version()).get(i)
                .equals(byVersion.get(edited.version()).get(i))).count()).as("profiles the edit decides otherwise")
                .isPositive();
        ReloadableKnowledgeBase live = new ReloadableKnowledgeBase(KnowledgeBase.compile(SHIPPED));

        // When 8 threads make 10,000 decisions each while another thread reloads back and forth, from the first swap on
        AtomicBoolean deciding = new AtomicBoolean(true);
        AtomicInteger swaps = new AtomicInteger();
        CountDownLatch firstSwap = new CountDownLatch(1);
        Queue<String> refused = new ConcurrentLinkedQueue<>();
        Map<String, AtomicLong> seen = new ConcurrentHashMap<>();
        ExecutorService reloader = Executors.newSingleThreadExecutor();
        Future<?> reloading = reloader.submit(() -> {
            try {
                while (deciding.get()) {
                    for (RuleSet rules : List.of(edited, SHIPPED)) {
                        ReloadableKnowledgeBase.Reload reload = live.reload(rules);
                        if (reload.swapped()) {
                            swaps.incrementAndGet();
                        } else {
                            refused.add(reload.problems().toString());
                        }
                        firstSwap.countDown();
                    }
                }
            } finally {
                firstSwap.countDown();
            }
            return null;
        });
        Trouble trouble;
        try {
            assertThat(firstSwap.await(5, TimeUnit.MINUTES)).isTrue();
            trouble = decideOnManyThreads(live::evaluate, decision -> {
                seen.computeIfAbsent(decision.rulesVersion(), version -> new AtomicLong()).incrementAndGet();
                return byVersion.get(decision.rulesVersion());
            });
        } finally {
            deciding.set(false);
            reloading.get(5, TimeUnit.MINUTES);
            reloader.shutdown();
        }

        // Then every reload was swapped in, every decision was made by one of the two versions (both were seen)
        // and equals that version's sequential decision; none failed
        assertThat(refused).isEmpty();
        assertThat(swaps.get()).as("swaps").isGreaterThanOrEqualTo(2);
        assertThat(trouble.failures).isEmpty();
        assertThat(trouble.mismatches).as("%d mismatches", trouble.mismatchCount.get()).isEmpty();
        assertThat(trouble.decisions).hasValue((long) THREADS * DECISIONS_PER_THREAD);
        assertThat(seen.keySet()).as("versions seen, in %d swaps: %s", swaps.get(), seen)
                .containsExactlyInAnyOrder(SHIPPED.version(), edited.version());
    }
}
