package alipaykb.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import alipaykb.decisions.Advice;
import alipaykb.decisions.AdviceCode;
import alipaykb.decisions.Decision;
import alipaykb.decisions.DenyReason;
import alipaykb.decisions.FeeQuote;
import alipaykb.decisions.FiredRule;
import alipaykb.decisions.FundingCode;
import alipaykb.decisions.FundingOption;
import alipaykb.decisions.Likelihood;
import alipaykb.decisions.Outcome;
import alipaykb.decisions.Provenance;
import alipaykb.decisions.ReasonCode;
import alipaykb.decisions.Tier;
import alipaykb.decisions.TierCode;
import alipaykb.decisions.TransactionResult;
import alipaykb.engine.KnowledgeBase;
import alipaykb.facts.TransactionKind;
import alipaykb.scenario.ExpectationUpdater.Change;
import alipaykb.scenario.ExpectationUpdater.Update;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ExpectationUpdater} rewrites, in a scenario's text, the expectations a decision does not meet, and no
 * other character. The decisions here are made by hand, so that each case says exactly what came out.
 */
class ExpectationUpdaterTest {
    private static final Path FILE = Path.of("s.yaml");
    private static final Provenance BY = new Provenance("a rule", "a.drl", "seed");
    private static final Set<String> RULES = Set.of("Rule A", "Rule B", "Rule C");
    private static final String HEADER = """
            # a scenario to update
            scenario: S
            asOf: 2025-06-01
            user:
              residence: US
            transactions:
              - { id: t1, kind: QR_PAYMENT, amount: 600, via: balance }
              - { id: t2, kind: QR_PAYMENT, amount: 600, via: balance }
            expect:
            """;

    private final ExpectationUpdater updater = new ExpectationUpdater(new ScenarioReader());

    /** What the rules decided, by hand: by default an UNVERIFIED tier and both payments allowed with no fee. */
    private static final class Made {
        List<FundingOption> options = List.of();
        Tier tier = new Tier(TierCode.UNVERIFIED, Set.of(), List.of(), List.of(), BY);
        TransactionResult t1 = allowed("t1", "0.00", "0.00");
        TransactionResult t2 = allowed("t2", "0.00", "0.00");
        List<AdviceCode> advice = List.of();
        List<String> fired = List.of();

        Made options(FundingOption... offered) {
            options = List.of(offered);
            return this;
        }

        Made advice(AdviceCode... given) {
            advice = List.of(given);
            return this;
        }

        Made fired(String... names) {
            fired = List.of(names);
            return this;
        }

        Decision decision() {
            return new Decision("v1", LocalDate.of(2025, 6, 1), Map.of(), options, tier, List.of(t1, t2),
                    advice.stream().map(code -> new Advice(code, List.of(), BY)).toList(),
                    fired.stream().map(name -> new FiredRule(name, "a.drl", "seed", 1)).toList());
        }
    }

    private static FundingOption option(FundingCode code, Likelihood likelihood) {
        return new FundingOption(code, likelihood, 0, List.of(), List.of(), List.of(), List.of(), List.of(BY));
    }

    private static TransactionResult allowed(String id, String min, String max) {
        return new TransactionResult(id, TransactionKind.QR_PAYMENT, new BigDecimal("600"), "balance", Outcome.ALLOW,
                List.of(), new FeeQuote(id, new BigDecimal(min), new BigDecimal(max), List.of(), BY), BY);
    }

    private static TransactionResult denied(String id, ReasonCode... reasons) {
        return new TransactionResult(id, TransactionKind.QR_PAYMENT, new BigDecimal("600"), "balance", Outcome.DENY,
                Arrays.stream(reasons).map(reason -> new DenyReason(id, reason, BY)).toList(), null, BY);
    }

    private Update update(String expect, Made made) throws InputError {
        return updater.update(FILE, HEADER + expect, made.decision(), RULES);
    }

    /** The text with one piece replaced, failing unless the piece is there exactly once. */
    private static String replaced(String text, String from, String to) {
        assertThat(text.split(java.util.regex.Pattern.quote(from), -1)).as(from).hasSize(2);
        return text.replace(from, to);
    }

    // --- Values ----------------------------------------------------------------------------------------------

    @Test
    void aVerdictThatChangedIsRewrittenInPlaceAndItsCommentKept() throws InputError {
        // Given a denial expected for t2, which the rules now allow
        String expect = """
                  verdicts:
                    t1: ALLOW
                    t2: DENY DAILY_LIMIT   # over the limit
                  advice: []
                """;

        // When the scenario is updated
        Update update = update(expect, new Made());

        // Then only the value of t2 changed, with a change naming it, its line and both values
        assertThat(update.text()).isEqualTo(HEADER + replaced(expect, "t2: DENY DAILY_LIMIT   #", "t2: ALLOW   #"));
        assertThat(update.rewritten()).isTrue();
        assertThat(update.written()).isEqualTo(1);
        assertThat(update.report()).containsExactly("s.yaml:12: scenario \"S\": expect.verdicts.t2: DENY DAILY_LIMIT → ALLOW");
        assertThat(update.changes()).containsExactly(new Change(FILE, 12, "S", "verdicts.t2", "DENY DAILY_LIMIT", "ALLOW", null));
    }

    @Test
    void aDenialIsWrittenWithEveryReasonInThePolicysOrder() throws InputError {
        // Given an allowance expected for t1, which the rules now deny for two reasons
        Made made = new Made();
        made.t1 = denied("t1", ReasonCode.DAILY_LIMIT, ReasonCode.FEATURE_UNAVAILABLE);

        // When the scenario is updated
        Update update = update("  verdicts: { t1: ALLOW }\n", made);

        // Then the verdict names both reasons, in the policy's order
        assertThat(update.text()).endsWith("\n  verdicts: { t1: DENY FEATURE_UNAVAILABLE DAILY_LIMIT }\n");
    }

    @Test
    void aSingleQuotedValueStaysSingleQuoted() throws InputError {
        // Given a tier written in single quotes, and a passport tier decided
        Made made = new Made();
        made.tier = new Tier(TierCode.PASSPORT_VERIFIED, Set.of(), List.of(), List.of(), BY);

        // When the scenario is updated
        Update update = update("  tier: 'UNVERIFIED'  # before verification\n", made);

        // Then the new tier is in single quotes too
        assertThat(update.text()).endsWith("\n  tier: 'PASSPORT_VERIFIED'  # before verification\n");
    }

    @Test
    void aFeeRangeInDoubleQuotesIsRewrittenAsARangeInDoubleQuotes() throws InputError {
        // Given a fee range written in double quotes, and another range quoted
        Made made = new Made();
        made.t1 = allowed("t1", "5", "15.5");

        // When the scenario is updated
        Update update = update("  fees:\n    t1: \"1.00-3.00\"\n", made);

        // Then the new range is written in double quotes, each amount with two decimals
        assertThat(update.text()).endsWith("\n  fees:\n    t1: \"5.00-15.50\"\n");
    }

    @Test
    void aFeeAmountIsWrittenWithItsDecimals() throws InputError {
        // Given a fee written as a plain amount, and another amount quoted
        Made made = new Made();
        made.t2 = allowed("t2", "7", "7");
        made.t1 = allowed("t1", "6.1", "6.1");

        // When the scenario is updated
        Update update = update("  fees: { t1: 6.03, t2: 0.00 }\n", made);

        // Then both amounts are plain, with two decimals at least
        assertThat(update.text()).endsWith("\n  fees: { t1: 6.10, t2: 7.00 }\n");
    }

    @Test
    void aFeeOfATransactionNowDeniedIsLeftAsWrittenWithWhy() throws InputError {
        // Given a fee expected for t1, which the rules now deny
        Made made = new Made();
        made.t1 = denied("t1", ReasonCode.DAILY_LIMIT);

        // When the scenario is updated
        Update update = update("  fees:\n    t1: 0.00\n", made);

        // Then the file is left as it was, and the change says why
        assertThat(update.rewritten()).isFalse();
        assertThat(update.text()).isEqualTo(update.original());
        assertThat(update.written()).isZero();
        assertThat(update.report()).containsExactly("s.yaml:11: scenario \"S\": expect.fees.t1: CNY 0.00 (not updated: the "
                + "transaction is now DENY DAILY_LIMIT, with no fee quote; remove the fee or edit it by hand)");
    }

    @Test
    void aTierIsLeftAsWrittenWhenNoTierWasDecided() throws InputError {
        // Given a tier expected, and rules that decide none
        Made made = new Made();
        made.tier = null;

        // When the scenario is updated
        Update update = update("  tier: UNVERIFIED\n", made);

        // Then the tier stays, and the change says why
        assertThat(update.rewritten()).isFalse();
        assertThat(update.changes()).singleElement().satisfies(change -> {
            assertThat(change.written()).isFalse();
            assertThat(change.why()).isEqualTo("no tier was decided");
        });
    }

    @Test
    void charactersBeyondTheBasicPlaneBeforeAValueDoNotShiftIt() throws InputError {
        // Given a scenario whose comments hold characters written as two UTF-16 units
        String text = "# \uD83D\uDE00 paid with a smile \uD83D\uDE00\n" + HEADER + "  verdicts: { t2: DENY DAILY_LIMIT }  # \uD83D\uDE00\n";

        // When it is updated
        Update update = updater.update(FILE, text, new Made().decision(), RULES);

        // Then the value is replaced where it stands
        assertThat(update.text()).isEqualTo(replaced(text, "{ t2: DENY DAILY_LIMIT }", "{ t2: ALLOW }"));
    }

    @Test
    void expectationsThatHoldAreNotTouched() throws InputError {
        // Given expectations that all hold, written in a style of their own
        String expect = """
                  tier:   "UNVERIFIED"
                  verdicts: { t1: 'ALLOW', t2: ALLOW }
                  fees: { t1: "0", t2: 0.00 }
                  fundingIncludes: [ ]
                  fired: []
                """;

        // When the scenario is updated
        Update update = update(expect, new Made());

        // Then nothing changes
        assertThat(update.changes()).isEmpty();
        assertThat(update.text()).isEqualTo(HEADER + expect);
    }

    // --- Lists -----------------------------------------------------------------------------------------------

    @Test
    void fundingBecomesTheOptionsOfferedWithLikelihoodsWhenWrittenWithThem() throws InputError {
        // Given a funding list with likelihoods, and three options now offered in another order
        Made made = new Made().options(option(FundingCode.HUABEI, Likelihood.HIGH),
                option(FundingCode.DIRECT_BIND, Likelihood.MEDIUM), option(FundingCode.FRIEND_TRANSFER, Likelihood.LOW));

        // When the scenario is updated
        Update update = update("  funding: [DIRECT_BIND:LOW, HUABEI:HIGH]   # ranked\n", made);

        // Then the list is the options offered, in their order, in the same flow style
        assertThat(update.text()).endsWith("\n  funding: [HUABEI:HIGH, DIRECT_BIND:MEDIUM, FRIEND_TRANSFER:LOW]   # ranked\n");
        assertThat(update.report()).containsExactly("s.yaml:10: scenario \"S\": expect.funding: [DIRECT_BIND:LOW, "
                + "HUABEI:HIGH] → [HUABEI:HIGH, DIRECT_BIND:MEDIUM, FRIEND_TRANSFER:LOW]");
    }

    @Test
    void fundingWrittenAsCodesStaysCodesAndShrinks() throws InputError {
        // Given a funding list of codes, and one option now offered
        Made made = new Made().options(option(FundingCode.HUABEI, Likelihood.HIGH));

        // When the scenario is updated
        Update update = update("  funding: [DIRECT_BIND, HUABEI, FRIEND_TRANSFER]\n", made);

        // Then the list holds that code alone
        assertThat(update.text()).endsWith("\n  funding: [HUABEI]\n");
    }

    @Test
    void aListOfLinesGrowsALineAnItemInTheFilesLineEndings() throws InputError {
        // Given a funding list one item a line, in a file with Windows line endings
        String text = (HEADER + "  funding:\n    - DIRECT_BIND:LOW   # the card\n  tier: UNVERIFIED\n").replace("\n", "\r\n");
        Made made = new Made().options(option(FundingCode.DIRECT_BIND, Likelihood.LOW),
                option(FundingCode.FRIEND_TRANSFER, Likelihood.LOW));

        // When it is updated
        Update update = updater.update(FILE, text, made.decision(), RULES);

        // Then the new option takes a line of its own, indented as the others, with the same line ending
        assertThat(update.text()).isEqualTo(replaced(text, "# the card\r\n", "# the card\r\n    - FRIEND_TRANSFER:LOW\r\n"));
    }

    @Test
    void aDroppedItemOfAListOfLinesTakesItsLineAndNoOther() throws InputError {
        // Given rules expected to fire, one a line, with comments, and one of them no longer firing
        String expect = """
                  fired:
                    - "Rule A"   # a
                    # b comes next
                    - "Rule B"   # b
                    - 'Rule C'
                  tier: UNVERIFIED
                """;

        // When the scenario is updated
        Update update = update(expect, new Made().fired("Rule A", "Rule C"));

        // Then the line of that rule is gone, with its own comment, and every other line stays
        assertThat(update.text()).isEqualTo(HEADER + replaced(expect, "    - \"Rule B\"   # b\n", ""));
        assertThat(update.report()).containsExactly("s.yaml:11: scenario \"S\": expect.fired: [\"Rule A\", \"Rule B\", "
                + "\"Rule C\"] → [\"Rule A\", \"Rule C\"]");
    }

    @Test
    void theLastLineOfAFileWithoutALineBreakCanBeDropped() throws InputError {
        // Given a list of lines ending the file with no line break, its last rule no longer firing
        String text = HEADER + "  fired:\n    - Rule A\n    - Rule B";

        // When it is updated
        Update update = updater.update(FILE, text, new Made().fired("Rule A").decision(), RULES);

        // Then the file ends with the rule that stays
        assertThat(update.text()).isEqualTo(HEADER + "  fired:\n    - Rule A");
    }

    @Test
    void aListOfLinesWithNothingLeftBecomesAnEmptyListWhereItBegan() throws InputError {
        // Given rules expected not to fire, which both fired
        String expect = """
                  notFired:
                    - Rule A
                    - Rule B   # not this one either
                  tier: UNVERIFIED
                """;

        // When the scenario is updated
        Update update = update(expect, new Made().fired("Rule A", "Rule B"));

        // Then the list is empty, written [] on the line of its first item
        assertThat(update.text()).isEqualTo(HEADER + """
                  notFired:
                    []   # not this one either
                  tier: UNVERIFIED
                """);
    }

    @Test
    void notFiredKeepsOnlyTheKnownRulesThatDidNotFire() throws InputError {
        // Given rules expected not to fire: one fired, one is no rule at all, one did not fire
        Update update = update("  notFired: [\"Rule A\", \"No such rule\", \"Rule B\"]\n", new Made().fired("Rule A"));

        // Then only the one that did not fire stays
        assertThat(update.text()).endsWith("\n  notFired: [\"Rule B\"]\n");
    }

    @Test
    void excludedOptionsNowOfferedAreDroppedToAnEmptyList() throws InputError {
        // Given two options expected not to be offered, both now offered
        Made made = new Made().options(option(FundingCode.HUABEI, Likelihood.HIGH),
                option(FundingCode.DIRECT_BIND, Likelihood.LOW));

        // When the scenario is updated
        Update update = update("  fundingExcludes: [HUABEI, DIRECT_BIND:LOW]\n", made);

        // Then the list is empty
        assertThat(update.text()).endsWith("\n  fundingExcludes: []\n");
    }

    @Test
    void includedOptionsTakeTheLikelihoodOfferedOrGo() throws InputError {
        // Given three options expected: one offered with another likelihood, one not offered, one that holds
        Made made = new Made().options(option(FundingCode.DIRECT_BIND, Likelihood.LOW),
                option(FundingCode.FRIEND_TRANSFER, Likelihood.LOW));

        // When the scenario is updated
        Update update = update("  fundingIncludes: [DIRECT_BIND:HIGH, HUABEI, FRIEND_TRANSFER]\n", made);

        // Then the first takes the likelihood offered, the second goes, the third stays as written
        assertThat(update.text()).endsWith("\n  fundingIncludes: [DIRECT_BIND:LOW, FRIEND_TRANSFER]\n");
    }

    @Test
    void newAdviceTakesThePlaceOfAdviceNoLongerGiven() throws InputError {
        // Given two advices expected, the second no longer given and another given instead
        Made made = new Made().advice(AdviceCode.SECOND_ACCOUNT_RESTRICTED, AdviceCode.VERIFY_PASSPORT);

        // When the scenario is updated
        Update update = update("  advice: [VERIFY_PASSPORT, RAISE_LIMITS]\n", made);

        // Then the new advice is where the old one was
        assertThat(update.text()).endsWith("\n  advice: [VERIFY_PASSPORT, SECOND_ACCOUNT_RESTRICTED]\n");
    }

    @Test
    void adviceAddedToAnEmptyListIsInThePolicysOrder() throws InputError {
        // Given no advice expected, and two given
        Made made = new Made().advice(AdviceCode.RAISE_LIMITS, AdviceCode.VERIFY_PASSPORT);

        // When the scenario is updated
        Update update = update("  advice: []\n", made);

        // Then both are written inside the brackets
        assertThat(update.text()).endsWith("\n  advice: [VERIFY_PASSPORT, RAISE_LIMITS]\n");
    }

    @Test
    void adviceAddedAtTheEndIsQuotedAsTheLastItem() throws InputError {
        // Given one advice expected in double quotes, still given, and another given besides
        Made made = new Made().advice(AdviceCode.RAISE_LIMITS, AdviceCode.SECOND_ACCOUNT_RESTRICTED);

        // When the scenario is updated
        Update update = update("  advice: [\"RAISE_LIMITS\"]\n", made);

        // Then the other is added after it, in double quotes
        assertThat(update.text()).endsWith("\n  advice: [\"RAISE_LIMITS\", \"SECOND_ACCOUNT_RESTRICTED\"]\n");
    }

    @Test
    void adviceNoLongerGivenIsDropped() throws InputError {
        // Given two advices expected, and none given
        // When the scenario is updated
        Update update = update("  advice: [RAISE_LIMITS, VERIFY_PASSPORT]\n", new Made());

        // Then the list is empty
        assertThat(update.text()).endsWith("\n  advice: []\n");
    }

    // --- What cannot be rewritten in place -------------------------------------------------------------------

    @Test
    void aValueThatCannotBeRewrittenInPlaceLeavesTheFileAsItWas() throws InputError {
        // Given a verdict written as a block of text, and a fee of a transaction now denied
        Made made = new Made();
        made.t1 = denied("t1", ReasonCode.DAILY_LIMIT);
        String expect = """
                  verdicts:
                    t2: |
                      DENY DAILY_LIMIT
                  fees: { t1: 0.00 }
                """;

        // When the scenario is updated
        Update update = update(expect, made);

        // Then the file is left as it was, and both changes say why
        assertThat(update.rewritten()).isFalse();
        assertThat(update.changes()).extracting(Change::why).containsExactly(
                "the file would not read back as this update means, so it is left as it was; edit it by hand",
                "the transaction is now DENY DAILY_LIMIT, with no fee quote; remove the fee or edit it by hand");
    }

    @Test
    void aValueSharedWithAnotherFieldThroughAnAliasIsNotRewritten() throws InputError {
        // Given a verdict that is an alias of the scenario's name
        String text = HEADER.replace("scenario: S", "scenario: &name DENY DAILY_LIMIT") + "  verdicts: { t2: *name }\n";

        // When it is updated
        Update update = updater.update(FILE, text, new Made().decision(), RULES);

        // Then nothing is rewritten: the name would change with it
        assertThat(update.rewritten()).isFalse();
        assertThat(update.changes()).singleElement().extracting(Change::written).isEqualTo(false);
    }

    // --- Files, decided by rules -----------------------------------------------------------------------------

    @Test
    void aFileThatCannotBeReadIsReportedAndNotUpdated() {
        // Given malformed YAML
        Path broken = Path.of("src/test/resources/bad-input/malformed-yaml.yaml");

        // When it is updated with the rules
        Update update = updater.update(KnowledgeBase.load(Path.of("src/test/resources/frozen-rules")), broken);

        // Then the update says what is wrong and rewrites nothing
        assertThat(update.rewritten()).isFalse();
        assertThat(update.changes()).isEmpty();
        assertThat(update.report()).singleElement().asString()
                .startsWith(broken + ":4: not valid YAML").endsWith(" (not updated)");
    }

    @Test
    void aScenarioThatPassesIsLeftAsItIs(@TempDir Path folder) throws Exception {
        // Given a scenario that passes with the rules
        Path scenario = Files.copy(Path.of("src/test/resources/update/passport-daily-limit.yaml"),
                folder.resolve("passport-daily-limit.yaml"));

        // When it is updated with them
        Update update = updater.update(KnowledgeBase.load(Path.of("src/test/resources/frozen-rules")), scenario);

        // Then nothing changes
        assertThat(update.changes()).isEmpty();
        assertThat(update.rewritten()).isFalse();
        assertThat(update.text()).isEqualTo(Files.readString(scenario));
        assertThat(update.report()).isEmpty();
    }
}
