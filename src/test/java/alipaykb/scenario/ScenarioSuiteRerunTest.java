package alipaykb.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import alipaykb.engine.KnowledgeBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A suite run again parses again only what changed, and what changed always counts, however it changed. */
class ScenarioSuiteRerunTest {
    private static final KnowledgeBase RULES = KnowledgeBase.load(Path.of("src/test/resources/frozen-rules"));
    private static final String PASSING = """
            scenario: a German debit card, bound
            asOf: 2025-01-15
            user: { residence: DE, inMainlandChina: true, app: MAINLAND, verification: PASSPORT, chinesePhone: false,
                    chineseBankAccount: false, chineseContact: false, documents: [passport] }
            cards:
              - { id: card, issuerCountry: DE, network: MASTERCARD, type: DEBIT, issuer: Sparkasse }
            expect: { tier: PASSPORT_VERIFIED }
            """;

    @Test
    void aFileChangedInPlaceWithTheSameSizeAndTimeIsReadAgain(@TempDir Path folder) throws IOException {
        // Given a suite of one passing scenario, run once
        Path file = folder.resolve("bound.yaml");
        Files.writeString(file, PASSING);
        FileTime written = Files.getLastModifiedTime(file);
        ScenarioSuite suite = new ScenarioSuite(new ScenarioReader());
        assertThat(suite.run(RULES, List.of(file))).singleElement().satisfies(outcome -> assertThat(outcome.passed()).isTrue());

        // When its expectation changes to one of the same length, and its time is set back to what it was
        String changed = PASSING.replace("tier: PASSPORT_VERIFIED", "tier: UNVERIFIED       ");
        assertThat(changed).hasSameSizeAs(PASSING);
        Files.writeString(file, changed);
        Files.setLastModifiedTime(file, written);

        // Then the run after it reads the new text: the scenario fails on the tier
        assertThat(suite.run(RULES, List.of(file))).singleElement().satisfies(outcome -> {
            assertThat(outcome.passed()).isFalse();
            assertThat(String.join("\n", outcome.differences())).contains("tier");
        });
    }

    @Test
    void aScenarioWithoutADateIsReadAgainOnANewDay(@TempDir Path folder) throws IOException {
        // Given a scenario that gives no date, and a clock that a test moves
        Path file = folder.resolve("undated.yaml");
        Files.writeString(file, PASSING.replace("asOf: 2025-01-15\n", ""));
        MovingClock clock = new MovingClock(Instant.parse("2025-01-15T23:59:00Z"));
        ScenarioSuite suite = new ScenarioSuite(new ScenarioReader(clock));
        LocalDate first = decidedAsOf(suite, file);

        // When the suite runs again the next day
        clock.now = Instant.parse("2025-01-16T00:01:00Z");
        LocalDate next = decidedAsOf(suite, file);

        // Then the scenario is decided as of the new day
        assertThat(first).isEqualTo(LocalDate.of(2025, 1, 15));
        assertThat(next).isEqualTo(LocalDate.of(2025, 1, 16));
    }

    /** The date a run of the suite decided the file's scenario as of. */
    private static LocalDate decidedAsOf(ScenarioSuite suite, Path file) {
        ScenarioOutcome outcome = suite.run(RULES, List.of(file)).get(0);
        assertThat(outcome.decision()).as("%s", outcome.differences()).isNotNull();
        return outcome.decision().asOf();
    }

    /** A clock whose instant a test sets. */
    private static final class MovingClock extends Clock {
        Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
