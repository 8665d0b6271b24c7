package alipaykb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import alipaykb.testsupport.Commands;
import alipaykb.testsupport.LetterTempDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code test --update}: after a deliberate change of the rules, the expectations that changed are rewritten in
 * place, and nothing else. The rules are a frozen copy kept with the tests ({@code src/test/resources/frozen-rules},
 * the shipped rules as they were when these tests were written), and the change, the UNVERIFIED daily limit
 * raised from 1,000 to 2,000 CNY, is made to a copy of it; the scenarios are frozen too
 * ({@code src/test/resources/update}), so the tests do not move when the shipped rules or scenarios do.
 */
class TestUpdateTest {
    private static final Path FROZEN_RULES = Path.of("src/test/resources/frozen-rules");
    private static final Path SCENARIOS = Path.of("src/test/resources/update");
    private static final String TWO_PAYMENTS = "two-payments-of-600.yaml";
    private static final String ALL_ADVICES = "all-three-advices.yaml";
    private static final String PASSPORT = "passport-daily-limit.yaml";
    private static final String OVER_1000 = "unverified-payment-over-1000.yaml";
    /** A time well before the test, set on the files, to tell one that was replaced. */
    private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));

    /** The frozen rules with the UNVERIFIED daily limit raised to 2,000 CNY. */
    private static Path rulesWithDailyLimit2000(Path folder) throws IOException {
        Path rules = Files.createDirectories(folder.resolve("rules-2000"));
        try (Stream<Path> files = Files.list(FROZEN_RULES)) {
            for (Path file : files.toList()) {
                Files.copy(file, rules.resolve(file.getFileName()));
            }
        }
        Commands.edit(rules.resolve("limit-tiers.drl"), "LimitScope.DAILY,    TierLimit.ALL_KINDS,          1000,",
                "LimitScope.DAILY,    TierLimit.ALL_KINDS,          2000,");
        return rules;
    }

    /** Copies of the frozen scenarios in {@code folder/scenarios}, dated long ago. */
    private static Path scenarios(Path folder, String... names) throws IOException {
        Path scenarios = Files.createDirectories(folder.resolve("scenarios"));
        for (String name : names) {
            Files.setLastModifiedTime(Files.copy(SCENARIOS.resolve(name), scenarios.resolve(name)), LONG_AGO);
        }
        return scenarios;
    }

    private static String frozen(String name) throws IOException {
        return Files.readString(SCENARIOS.resolve(name));
    }

    /** The text with one piece replaced, failing unless the piece is there exactly once. */
    private static String replaced(String text, String from, String to) {
        assertThat(text.split(Pattern.quote(from), -1)).as(from).hasSize(2);
        return text.replace(from, to);
    }

    @Test
    void theFrozenScenariosPassWithTheFrozenRules() {
        // When the frozen scenarios run with the rules they were written for
        Commands.Run run = Commands.run("test", "--rules", FROZEN_RULES.toString(), SCENARIOS.toString());

        // Then all pass: what an update changes is the change of the rules alone
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.out()).endsWith("\n4 passed, 0 failed" + System.lineSeparator());
    }

    @Test
    void theExpectationsThatChangedAreRewrittenAndEveryOtherCharacterKept(@TempDir Path folder) throws IOException {
        // Given scenarios written for a daily limit of 1,000, and rules that raise it to 2,000
        Path rules = rulesWithDailyLimit2000(folder);
        Path scenarios = scenarios(folder, TWO_PAYMENTS, ALL_ADVICES);

        // When they are updated
        Commands.Run run = Commands.run("test", "--update", "--rules", rules.toString(), scenarios.toString());

        // Then the values that changed are rewritten, and comments, blank lines, quotes and the card stay
        assertThat(run.exit()).as(run.all()).isZero();
        String twoPayments = frozen(TWO_PAYMENTS);
        twoPayments = replaced(twoPayments, "    t2: 'DENY DAILY_LIMIT'  # 600 + 600 > 1,000\n",
                "    t2: 'ALLOW'  # 600 + 600 > 1,000\n");
        twoPayments = replaced(twoPayments, "  advice: [VERIFY_PASSPORT, RAISE_LIMITS]\n", "  advice: [VERIFY_PASSPORT]\n");
        twoPayments = replaced(twoPayments,
                "    - \"A transaction beyond the daily limit of all kinds together is denied\"     # t2\n", "");
        assertThat(Files.readString(scenarios.resolve(TWO_PAYMENTS))).isEqualTo(twoPayments)
                .contains("number: \"4111 1111 1111 1111\"");
        assertThat(run.all()).doesNotContain("4111 1111");
        String allAdvices = frozen(ALL_ADVICES);
        allAdvices = replaced(allAdvices, "  verdicts: { t1: DENY DAILY_LIMIT }\n", "  verdicts: { t1: ALLOW }\n");
        allAdvices = replaced(allAdvices, "  advice: [VERIFY_PASSPORT, RAISE_LIMITS, SECOND_ACCOUNT_RESTRICTED]\n",
                "  advice: [VERIFY_PASSPORT, SECOND_ACCOUNT_RESTRICTED]\n");
        assertThat(Files.readString(scenarios.resolve(ALL_ADVICES))).isEqualTo(allAdvices);
    }

    @Test
    void eachChangeIsPrintedOnALineThenTheTotalsAndTheRunAgain(@TempDir(factory = LetterTempDirs.class) Path folder)
            throws IOException {
        // Given scenarios written for a daily limit of 1,000, and rules that raise it to 2,000
        Path rules = rulesWithDailyLimit2000(folder);
        Path scenarios = scenarios(folder, TWO_PAYMENTS, ALL_ADVICES, PASSPORT);

        // When they are updated
        Commands.Run run = Commands.run("test", "--update", "--rules", rules.toString(), scenarios.toString());

        // Then a line per change says where, which scenario and expectation, and what it was and is, then the
        // totals; the scenarios run again, and all pass
        String all = scenarios.resolve(ALL_ADVICES) + ":";
        String two = scenarios.resolve(TWO_PAYMENTS) + ":";
        String allName = "scenario \"An unverified user with a shared ID refused a payment over the 1,000 daily limit "
                + "receives all three advices\": ";
        String twoName = "scenario \"An unverified user pays 600 CNY twice in a day and the second payment is over the "
                + "daily limit\": ";
        assertThat(run.out().lines().limit(7).toList()).containsExactly(
                all + "11: " + allName + "expect.verdicts.t1: DENY DAILY_LIMIT → ALLOW",
                all + "12: " + allName + "expect.advice: [VERIFY_PASSPORT, RAISE_LIMITS, SECOND_ACCOUNT_RESTRICTED] → "
                        + "[VERIFY_PASSPORT, SECOND_ACCOUNT_RESTRICTED]",
                two + "19: " + twoName + "expect.verdicts.t2: DENY DAILY_LIMIT → ALLOW",
                two + "22: " + twoName + "expect.advice: [VERIFY_PASSPORT, RAISE_LIMITS] → [VERIFY_PASSPORT]",
                two + "24: " + twoName + "expect.fired: [\"A transaction with no reason to deny is allowed\", "
                        + "\"A transaction beyond the daily limit of all kinds together is denied\"] → "
                        + "[\"A transaction with no reason to deny is allowed\"]",
                "updated 5 expectations in 2 files",
                "");
        assertThat(run.out()).contains("PASS  " + scenarios.resolve(PASSPORT))
                .endsWith("\n3 passed, 0 failed" + System.lineSeparator());
        assertThat(run.exit()).isZero();
    }

    @Test
    void aFeeRangeOfManyDigitsIsShownWholeWhenItFailsAndWhenItIsUpdated(
            @TempDir(factory = LetterTempDirs.class) Path folder) throws IOException {
        // Given a scenario of a wallet payment of 150,000 CNY that expects a fee range a cent off, 12 digits in all
        Path scenario = Files.writeString(folder.resolve("wallet.yaml"), """
                scenario: wallet 150k
                asOf: 2025-06-01
                user: { residence: SG, verification: REAL_NAME }
                cards:
                  - { id: c0, issuerCountry: SG }
                transactions:
                  - { id: pay, kind: ONLINE_PAYMENT, amount: 150000, via: wallet }
                expect:
                  fees: { pay: "1500.00-4500.01" }
                """);

        // When the suite runs, and then updates it
        Commands.Run run = Commands.run("test", "--rules", FROZEN_RULES.toString(), scenario.toString());
        Commands.Run update = Commands.run("test", "--update", "--rules", FROZEN_RULES.toString(), scenario.toString());

        // Then both show each range whole, as "CNY min to max", and the file holds the new range as scenario files write it
        assertThat(run.out()).contains("fees.pay: expected CNY 1500.00 to 4500.01, got CNY 1500.00 to 4500.00")
                .doesNotContain("[digits ending");
        assertThat(update.out()).contains("expect.fees.pay: CNY 1500.00 to 4500.01 → CNY 1500.00 to 4500.00")
                .doesNotContain("[digits ending");
        assertThat(Files.readString(scenario)).contains("fees: { pay: \"1500.00-4500.00\" }");
    }

    @Test
    void aFileWithNothingToUpdateIsNotTouched(@TempDir Path folder) throws IOException {
        // Given a scenario the raised limit does not change, beside one where it changes a verdict
        Path rules = rulesWithDailyLimit2000(folder);
        Path scenarios = scenarios(folder, OVER_1000, PASSPORT);

        // When they are updated
        Commands.Run run = Commands.run("test", "--update", "--rules", rules.toString(), scenarios.toString());

        // Then that file keeps its bytes and its time; the other was replaced, with that one line changed
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(Files.readString(scenarios.resolve(PASSPORT))).isEqualTo(frozen(PASSPORT));
        assertThat(Files.getLastModifiedTime(scenarios.resolve(PASSPORT))).isEqualTo(LONG_AGO);
        assertThat(Files.getLastModifiedTime(scenarios.resolve(OVER_1000))).isNotEqualTo(LONG_AGO);
        assertThat(Files.readString(scenarios.resolve(OVER_1000)))
                .isEqualTo(replaced(frozen(OVER_1000), "    t1: DENY DAILY_LIMIT\n", "    t1: ALLOW\n"));
        assertThat(run.out()).contains("updated 1 expectation in 1 file\n");
    }

    @Test
    void anUpdatedSuitePassesAndASecondUpdateChangesNothing(@TempDir Path folder) throws IOException {
        // Given scenarios updated once to the raised limit
        Path rules = rulesWithDailyLimit2000(folder);
        Path scenarios = scenarios(folder, TWO_PAYMENTS, ALL_ADVICES);
        Commands.run("test", "--update", "--rules", rules.toString(), scenarios.toString());
        String updated = Files.readString(scenarios.resolve(TWO_PAYMENTS));
        Files.setLastModifiedTime(scenarios.resolve(TWO_PAYMENTS), LONG_AGO);

        // When they are run, and updated again
        Commands.Run test = Commands.run("test", "--rules", rules.toString(), scenarios.toString());
        Commands.Run again = Commands.run("test", "--update", "--rules", rules.toString(), scenarios.toString());

        // Then they pass, and the second update finds nothing to change
        assertThat(test.exit()).as(test.all()).isZero();
        assertThat(again.exit()).isZero();
        assertThat(again.out()).startsWith("updated 0 expectations in 0 files\n");
        assertThat(Files.readString(scenarios.resolve(TWO_PAYMENTS))).isEqualTo(updated);
        assertThat(Files.getLastModifiedTime(scenarios.resolve(TWO_PAYMENTS))).isEqualTo(LONG_AGO);
    }

    @Test
    void aFileThatCannotBeReadIsReportedAndLeftAlone(@TempDir(factory = LetterTempDirs.class) Path folder) throws IOException {
        // Given malformed YAML beside a scenario the raised limit changes
        Path rules = rulesWithDailyLimit2000(folder);
        Path scenarios = scenarios(folder, ALL_ADVICES);
        Path broken = scenarios.resolve("malformed.yaml");
        Files.copy(Path.of("src/test/resources/bad-input/malformed-yaml.yaml"), broken);
        byte[] before = Files.readAllBytes(broken);

        // When they are updated
        Commands.Run run = Commands.run("test", "--update", "--rules", rules.toString(), scenarios.toString());

        // Then the scenario is updated, and the malformed file is reported as an error, untouched, failing the run
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("updated 2 expectations in 1 file")
                .contains("ERROR " + broken + ":4: not valid YAML")
                .endsWith("\n1 passed, 1 failed" + System.lineSeparator());
        assertThat(Files.readAllBytes(broken)).isEqualTo(before);
    }

    @Test
    void anExpectationThatCannotBeUpdatedIsLeftAndFailsTheRun(@TempDir Path folder) throws IOException {
        // Given a fee expected for a transfer, which the unverified tier denies
        Path scenario = folder.resolve("transfer.yaml");
        String text = """
                scenario: An unverified user's transfer has a fee
                asOf: 2025-06-01
                user: { residence: US }
                transactions:
                  - { id: t1, kind: TRANSFER, amount: 100, via: balance }
                expect:
                  fees: { t1: 0.00 }
                """;
        Files.writeString(scenario, text);
        Files.setLastModifiedTime(scenario, LONG_AGO);

        // When it is updated
        Commands.Run run = Commands.run("test", "--update", "--rules", FROZEN_RULES.toString(), scenario.toString());

        // Then the fee is left as written, saying why, the file is not touched, and the run fails
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains(": expect.fees.t1: CNY 0.00 (not updated: the transaction is now DENY "
                + "FEATURE_UNAVAILABLE, with no fee quote; remove the fee or edit it by hand)\n"
                + "updated 0 expectations in 0 files\n");
        assertThat(Files.readString(scenario)).isEqualTo(text);
        assertThat(Files.getLastModifiedTime(scenario)).isEqualTo(LONG_AGO);
    }

    @Test
    void aScenarioThatIsASymbolicLinkIsNotReplaced(@TempDir(factory = LetterTempDirs.class) Path folder) throws IOException {
        // Given a folder of scenarios, one of them a symbolic link to a scenario elsewhere
        Path rules = rulesWithDailyLimit2000(folder);
        Path elsewhere = Files.copy(SCENARIOS.resolve(ALL_ADVICES), folder.resolve("elsewhere.yaml"));
        Path scenarios = scenarios(folder, TWO_PAYMENTS);
        Path link = Files.createSymbolicLink(scenarios.resolve(ALL_ADVICES), elsewhere);

        // When they are updated
        Commands.Run run = Commands.run("test", "--update", "--rules", rules.toString(), scenarios.toString());

        // Then the link and its target are left as they were, with an error, and the run fails
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("error: the changes above were not written: " + link + ": is a symbolic link");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(elsewhere)).isEqualTo(frozen(ALL_ADVICES));
        assertThat(run.out()).contains("updated 3 expectations in 1 file\n");
    }

    @Test
    void updateAndAJUnitReportDoNotGoTogether(@TempDir Path folder) throws IOException {
        // Given scenarios the raised limit changes
        Path rules = rulesWithDailyLimit2000(folder);
        Path scenarios = scenarios(folder, TWO_PAYMENTS);

        // When they are updated with a JUnit report asked for
        Commands.Run run = Commands.run("test", "--update", "--junit-xml", folder.resolve("junit.xml").toString(),
                "--rules", rules.toString(), scenarios.toString());

        // Then it is a usage error, and nothing is written
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("error: --update and --junit-xml do not go together");
        assertThat(Files.readString(scenarios.resolve(TWO_PAYMENTS))).isEqualTo(frozen(TWO_PAYMENTS));
        assertThat(Files.exists(folder.resolve("junit.xml"))).isFalse();
        assertThat(run.out()).isEmpty();
    }
}
