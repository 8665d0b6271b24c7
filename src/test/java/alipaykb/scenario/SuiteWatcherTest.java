package alipaykb.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import alipaykb.engine.KnowledgeBase;
import alipaykb.engine.ReloadableKnowledgeBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher re-runs scenarios when rules change, keeps the last good rules, and says what changed. */
class SuiteWatcherTest {

    @Test
    void aWarmUpReportsNothingAndTheNextEditIsReportedAsEver(@TempDir Path folder) throws Exception {
        // Given a copy of the rules and the verdict scenarios, watched, after the first look
        Path rules = copyOfTheRules(folder);
        ReloadableKnowledgeBase kb = new ReloadableKnowledgeBase(KnowledgeBase.load(rules));
        SuiteWatcher watcher = new SuiteWatcher(rules, List.of(Path.of("src/test/resources/update")), kb);
        assertThat(watcher.poll().failed()).isZero();

        // When the suite is run again to warm up, to its end
        Thread warmUp = watcher.warmUp(3);
        warmUp.join(60_000);
        assertThat(warmUp.isAlive()).isFalse();

        // Then the next look finds nothing new, and an edit after it is reported as ever
        assertThat(watcher.poll()).isNull();
        Path tiers = rules.resolve("limit-tiers.drl");
        Files.writeString(tiers, Files.readString(tiers).replace(
                "LimitScope.DAILY,    TierLimit.ALL_KINDS,          1000,", "LimitScope.DAILY,    TierLimit.ALL_KINDS,          2000,"));
        SuiteWatcher.Report edited = watcher.poll();
        assertThat(edited.lines()).anyMatch(line -> line.startsWith("newly failing: ") && line.contains("two-payments-of-600.yaml"));
    }

    @Test
    void editsBreakagesAndFixesAreEachReported(@TempDir Path folder) throws IOException {
        // Given a copy of the rules and the verdict scenarios, watched
        Path rules = copyOfTheRules(folder);
        Path scenarios = Path.of("src/test/resources/update");
        ReloadableKnowledgeBase kb = new ReloadableKnowledgeBase(KnowledgeBase.load(rules));
        SuiteWatcher watcher = new SuiteWatcher(rules, List.of(scenarios), kb);
        String goodVersion = kb.current().version();

        // When it first looks, Then everything passes; a second look with no change reports nothing
        SuiteWatcher.Report first = watcher.poll();
        assertThat(first.failed()).isZero();
        assertThat(watcher.poll()).isNull();

        // When the daily limit is raised, Then the scenarios that relied on it are newly failing
        Path tiers = rules.resolve("limit-tiers.drl");
        String original = Files.readString(tiers);
        Files.writeString(tiers, original.replace("LimitScope.DAILY,    TierLimit.ALL_KINDS,          1000,", "LimitScope.DAILY,    TierLimit.ALL_KINDS,          2000,"));
        SuiteWatcher.Report edited = watcher.poll();
        assertThat(edited.lines()).anyMatch(line -> line.startsWith("Rules changed: now version"))
                .anyMatch(line -> line.startsWith("newly failing: ") && line.contains("two-payments-of-600.yaml"));
        assertThat(edited.failed()).isPositive();
        String editedVersion = kb.current().version();
        assertThat(editedVersion).isNotEqualTo(goodVersion);

        // When a rule file stops compiling, Then the last good rules stay in use and the errors show
        Files.writeString(rules.resolve("fees.drl"), Files.readString(rules.resolve("fees.drl")) + "\nrule \"Broken\" when then\n");
        SuiteWatcher.Report broken = watcher.poll();
        assertThat(broken.rulesBroken()).isTrue();
        assertThat(broken.lines()).anyMatch(line -> line.contains("still deciding with version " + editedVersion))
                .anyMatch(line -> line.contains("fees.drl:"));
        assertThat(kb.current().version()).isEqualTo(editedVersion);

        // When both are put back, Then the failing scenarios are newly passing
        Files.writeString(rules.resolve("fees.drl"), Files.readString(Path.of("src/test/resources/frozen-rules/fees.drl")));
        Files.writeString(tiers, original);
        SuiteWatcher.Report fixed = watcher.poll();
        assertThat(fixed.lines()).anyMatch(line -> line.startsWith("newly passing: "));
        assertThat(fixed.failed()).isZero();
        assertThat(kb.current().version()).isEqualTo(goodVersion);
    }

    /** A copy of the frozen rules in a folder of the test's own. */
    private static Path copyOfTheRules(Path folder) throws IOException {
        Path rules = Files.createDirectories(folder.resolve("rules"));
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/frozen-rules"))) {
            for (Path file : files.toList()) {
                Files.copy(file, rules.resolve(file.getFileName()));
            }
        }
        return rules;
    }
}
