package alipaykb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import alipaykb.bench.HandWrittenDecision.FundingEntry;
import alipaykb.bench.HandWrittenDecision.TierLimit;
import alipaykb.bench.HandWrittenDecision.TransactionVerdict;
import alipaykb.decisions.Advice;
import alipaykb.decisions.AdviceCode;
import alipaykb.decisions.Decision;
import alipaykb.decisions.DenyReason;
import alipaykb.decisions.ReasonCode;
import alipaykb.decisions.TransactionResult;
import alipaykb.engine.KnowledgeBase;
import alipaykb.facts.Profile;
import alipaykb.scenario.Scenario;
import alipaykb.scenario.ScenarioReader;
import alipaykb.scenario.ScenarioSuite;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The hand-written policy the benchmarks compare with decides exactly as the shipped rules do: funding options
 * (code, likelihood, cards), tier and limits, verdicts with every reason, fee min and max, and advice codes.
 */
class HandWrittenPolicyTest {
    private static final Path SUITE = Path.of("test-scenarios");
    private static KnowledgeBase knowledgeBase;

    @BeforeAll
    static void loadTheShippedRules() {
        knowledgeBase = KnowledgeBase.load(Path.of("rules"));
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioIsDecidedAsTheRulesDecideIt() throws Exception {
        // Given every scenario file of the suite
        List<Path> files = ScenarioSuite.collect(List.of(SUITE));
        assertThat(files).as("scenario files under %s", SUITE).isNotEmpty();
        ScenarioReader reader = new ScenarioReader();

        return files.stream().map(file -> DynamicTest.dynamicTest(file.toString(), file.toUri(), () -> {
            Scenario scenario = reader.read(file);

            // When the rules and the hand-written policy decide its profile
            HandWrittenDecision byRules = fromRules(knowledgeBase.evaluate(scenario.profile()));
            HandWrittenDecision byHand = HandWrittenPolicy.decide(scenario.profile());

            // Then they agree on every item
            assertAgree(file + " (" + scenario.name() + ")", byHand, byRules);
        }));
    }

    @Test
    void theBenchmarkProfileIsDecidedAsTheRulesDecideIt() {
        // Given the typical profile the decision benchmark uses
        Profile profile = BenchmarkProfiles.typical();

        // When the rules and the hand-written policy decide it
        HandWrittenDecision byRules = fromRules(knowledgeBase.evaluate(profile));
        HandWrittenDecision byHand = HandWrittenPolicy.decide(profile);

        // Then they agree on every item
        assertAgree("BenchmarkProfiles.typical()", byHand, byRules);
    }

    /** Every item that differs is reported, not only the first. */
    private static void assertAgree(String where, HandWrittenDecision byHand, HandWrittenDecision byRules) {
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(byHand.fundingOptions()).as("%s: funding options", where)
                .isEqualTo(byRules.fundingOptions());
        softly.assertThat(byHand.tier()).as("%s: tier", where).isEqualTo(byRules.tier());
        softly.assertThat(byHand.limits()).as("%s: tier limits", where).isEqualTo(byRules.limits());
        softly.assertThat(byHand.transactions()).as("%s: transactions", where).hasSameSizeAs(byRules.transactions());
        for (int i = 0; i < Math.min(byHand.transactions().size(), byRules.transactions().size()); i++) {
            TransactionVerdict hand = byHand.transactions().get(i);
            TransactionVerdict rules = byRules.transactions().get(i);
            softly.assertThat(hand.id()).as("%s: transaction %d id", where, i + 1).isEqualTo(rules.id());
            softly.assertThat(hand.outcome()).as("%s: transaction %s outcome", where, rules.id())
                    .isEqualTo(rules.outcome());
            softly.assertThat(hand.reasons()).as("%s: transaction %s deny reasons", where, rules.id())
                    .isEqualTo(rules.reasons());
            softly.assertThat(hand.feeMin()).as("%s: transaction %s fee min", where, rules.id())
                    .usingComparator(HandWrittenPolicyTest::byValue).isEqualTo(rules.feeMin());
            softly.assertThat(hand.feeMax()).as("%s: transaction %s fee max", where, rules.id())
                    .usingComparator(HandWrittenPolicyTest::byValue).isEqualTo(rules.feeMax());
        }
        softly.assertThat(byHand.advice()).as("%s: advice codes", where).isEqualTo(byRules.advice());
        softly.assertThat(byHand).as("%s: whole decision", where).isEqualTo(byRules);
        softly.assertAll();
    }

    /** Amounts compare by value (6.03 equals 6.030); no fee (null) equals only no fee. */
    private static int byValue(BigDecimal a, BigDecimal b) {
        if (a == null || b == null) {
            return a == b ? 0 : a == null ? -1 : 1;
        }
        return a.compareTo(b);
    }

    /** The rules' decision in the shape of the hand-written one. */
    private static HandWrittenDecision fromRules(Decision decision) {
        List<FundingEntry> funding = decision.fundingOptions().stream()
                .map(option -> new FundingEntry(option.code(), option.likelihood(), option.cards()))
                .toList();
        List<TierLimit> limits = decision.tier().limits().stream()
                .map(limit -> new TierLimit(limit.scope(), limit.kind(), limit.value()))
                .toList();
        List<TransactionVerdict> transactions = decision.transactions().stream()
                .map(HandWrittenPolicyTest::verdict)
                .toList();
        Set<AdviceCode> advice = EnumSet.noneOf(AdviceCode.class);
        for (Advice piece : decision.advice()) {
            advice.add(piece.code());
        }
        return new HandWrittenDecision(funding, decision.tier().code(), limits, transactions, advice);
    }

    private static TransactionVerdict verdict(TransactionResult result) {
        Set<ReasonCode> reasons = EnumSet.noneOf(ReasonCode.class);
        for (DenyReason reason : result.reasons()) {
            reasons.add(reason.code());
        }
        return new TransactionVerdict(result.id(), result.outcome(), reasons,
                result.fee() == null ? null : result.fee().min(), result.fee() == null ? null : result.fee().max());
    }
}
