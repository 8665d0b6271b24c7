package alipaykb.cli;

import alipaykb.testsupport.Commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code diff} shows which decisions an edit of the rules changes, and how. */
class DiffCommandTest {

    @Test
    void anEditedLimitShowsEveryScenarioItChanges(@TempDir Path folder) throws IOException {
        // Given a working copy where the unverified daily limit is 2,000
        Path rules = Commands.copyOfRules(folder);
        Commands.edit(rules.resolve("limit-tiers.drl"), "LimitScope.DAILY,    TierLimit.ALL_KINDS,          1000,",
                "LimitScope.DAILY,    TierLimit.ALL_KINDS,          2000,");

        // When it is compared with the shipped rules
        Commands.Run run = Commands.run("diff", "--rules", rules.toString(), "--against", "rules", "test-scenarios/transaction-verdicts");

        // Then the scenarios it changes are listed with each change, baseline → now
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out())
                .contains("CHANGED  test-scenarios/transaction-verdicts/unverified-two-payments-of-600.yaml")
                .contains("limits.DAILY: 1000 → 2000")
                .contains("verdicts.t2: DENY DAILY_LIMIT → ALLOW")
                .contains("fees.t2: no fee → CNY 0.00")
                .doesNotContain("CHANGED  test-scenarios/transaction-verdicts/passport-daily-limit.yaml")
                .containsPattern("\\n\\d+ of 48 decide differently");
    }

    @Test
    void identicalRulesChangeNothing() {
        Commands.Run run = Commands.run("diff", "--against", "rules", "test-scenarios/fees");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("0 of 11 decide differently").doesNotContain("CHANGED");
    }

    @Test
    void aChangeSharedByManyScenariosIsShownOnceWithItsCount(@TempDir Path folder) throws IOException {
        // Given a working copy where the unverified daily limit is 2,000
        Path rules = Commands.copyOfRules(folder);
        Commands.edit(rules.resolve("limit-tiers.drl"), "LimitScope.DAILY,    TierLimit.ALL_KINDS,          1000,",
                "LimitScope.DAILY,    TierLimit.ALL_KINDS,          2000,");

        // When the whole suite is compared with the shipped rules
        Commands.Run run = Commands.run("diff", "--rules", rules.toString(), "--against", "rules");

        // Then the limit change heads the report once, with how many scenarios it touches, and is not repeated
        java.util.regex.Matcher shared = java.util.regex.Pattern.compile("\n  limits\\.DAILY: 1000 → 2000  \\((\\d+) scenarios\\)")
                .matcher(run.out());
        assertThat(shared.find()).as(run.out()).isTrue();
        java.util.regex.Matcher total = java.util.regex.Pattern.compile("\n(\\d+) of \\d+ decide differently").matcher(run.out());
        assertThat(total.find()).isTrue();
        assertThat(Integer.parseInt(shared.group(1))).isGreaterThan(10).isLessThanOrEqualTo(Integer.parseInt(total.group(1)));
        assertThat(run.out().split("limits\\.DAILY: 1000 → 2000", -1)).hasSize(2);
        assertThat(run.out().lines().filter(line -> line.startsWith("CHANGED  ")).count())
                .isEqualTo(Long.parseLong(total.group(1)));
    }
}
