package alipaykb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import alipaykb.decisions.Decision;
import alipaykb.facts.Profile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A reload compiles and checks new rules off to the side and swaps them in only when they are good. */
class ReloadTest {
    private static final RuleSet SHIPPED = RuleSet.fromFolder(Path.of("src/test/resources/frozen-rules"));

    private static RuleSet edited(String from, String to) {
        return RuleSet.of("edited", SHIPPED.files().stream()
                .map(file -> new RuleFile(file.name(), file.location(), file.text().replace(from, to))).toList());
    }

    @Test
    void aBadRuleSetNeverReplacesAGoodOne() {
        // Given a knowledge base on the shipped rules
        ReloadableKnowledgeBase kb = new ReloadableKnowledgeBase(KnowledgeBase.compile(SHIPPED));

        // When rules that do not compile are loaded
        ReloadableKnowledgeBase.Reload reload = kb.reload(edited("amount > $above", "amout > $above"));

        // Then they are refused with their problems, and the shipped rules stay in use
        assertThat(reload.swapped()).isFalse();
        assertThat(reload.problems()).anyMatch(problem -> problem.message().contains("no field 'amout'"));
        assertThat(kb.current().version()).isEqualTo(SHIPPED.version());
    }

    @Test
    void anEditWhileTheCompilersWarmUpIsCompiledAndSwappedInAsEver() {
        // Given a knowledge base readied for edits: its compilers warm up on a thread of their own
        ReloadableKnowledgeBase kb = new ReloadableKnowledgeBase(KnowledgeBase.compile(SHIPPED));
        kb.prepareForEdits();

        // When an edit arrives at once, and a bad one after it
        RuleSet lowered = edited("LimitScope.DAILY,    TierLimit.ALL_KINDS,          1000,",
                "LimitScope.DAILY,    TierLimit.ALL_KINDS,          1,");
        ReloadableKnowledgeBase.Reload good = kb.reload(lowered);
        ReloadableKnowledgeBase.Reload bad = kb.reload(edited("amount > $above", "amout > $above"));

        // Then the good edit is in force (an unverified user's 600 CNY passes a daily limit of 1; the shipped rules
        // allow it) and the bad one is refused, as without the warm-up
        assertThat(good.swapped()).isTrue();
        assertThat(kb.evaluate(Profiles.traveller(Profiles.threeCards())).transaction("t1").orElseThrow().outcome().name())
                .isEqualTo("DENY");
        assertThat(bad.swapped()).isFalse();
        assertThat(kb.current().version()).isEqualTo(lowered.version());
    }

    @Test
    void rulesThatCompileButFailTheChecksAreRefusedToo() {
        // Given rules where a funding code drops out of the order list
        RuleSet unordered = RuleSet.of("edited", SHIPPED.files().stream().map(file -> new RuleFile(file.name(),
                file.location(), Pattern.compile("(?s)    insert\\( new FundingOptionSpec\\(FundingCode.HUABEI.*?\\)\\) \\);\\n")
                .matcher(file.text()).replaceFirst(""))).toList());
        ReloadableKnowledgeBase kb = new ReloadableKnowledgeBase(KnowledgeBase.compile(SHIPPED));

        // When they are loaded, Then they are refused
        ReloadableKnowledgeBase.Reload reload = kb.reload(unordered);
        assertThat(reload.swapped()).isFalse();
        assertThat(reload.problems()).anyMatch(problem -> problem.message().contains("HUABEI is missing from the order list"));
    }

    @Test
    void decisionsDuringReloadsAreEachMadeByOneWholeRuleSet() throws Exception {
        // Given two good rule sets that decide a profile differently
        RuleSet raised = edited("LimitScope.DAILY,    TierLimit.ALL_KINDS,          1000,", "LimitScope.DAILY,    TierLimit.ALL_KINDS,          1000.01,");
        ReloadableKnowledgeBase kb = new ReloadableKnowledgeBase(KnowledgeBase.compile(SHIPPED));
        Profile profile = Profiles.traveller(Profiles.threeCards());
        String shippedOutcome = kb.evaluate(profile).transaction("t3").orElseThrow().outcome().name();

        // When 4 threads decide while the rules are swapped back and forth
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 150; i++) {
                    Decision decision = kb.evaluate(profile);
                    String outcome = decision.transaction("t3").orElseThrow().outcome().name();
                    seen.add(decision.rulesVersion() + " " + outcome);
                }
                return null;
            }));
        }
        for (int i = 0; i < 3; i++) {
            assertThat(kb.reload(raised).swapped()).isTrue();
            assertThat(kb.reload(SHIPPED).swapped()).isTrue();
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();

        // Then every decision matches the one rule set it names
        assertThat(shippedOutcome).isEqualTo("DENY");
        assertThat(seen).isSubsetOf(SHIPPED.version() + " DENY", raised.version() + " ALLOW");
    }
}
