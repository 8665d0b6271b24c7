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
import alipaykb.facts.App;
import alipaykb.facts.Card;
import alipaykb.facts.CardType;
import alipaykb.facts.Document;
import alipaykb.facts.Network;
import alipaykb.facts.Payment;
import alipaykb.facts.Profile;
import alipaykb.facts.TransactionKind;
import alipaykb.facts.Usage;
import alipaykb.facts.User;
import alipaykb.facts.Verification;
import alipaykb.scenario.Scenario;
import alipaykb.scenario.ScenarioReader;
import alipaykb.scenario.ScenarioSuite;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
        knowledgeBase = KnowledgeBase.load(Path.of("src/test/resources/frozen-rules"));
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

    @Test
    void generatedProfilesAroundEveryLimitAndDateAreDecidedAsTheRulesDecideThem() {
        // Given profiles drawn with a fixed seed: every verification, card kind and transaction kind, amounts and
        // usage at and around each limit, dates around 2024-03-01 and 2025-02-25, default and given USD rates
        Random random = new Random(20250601L);
        for (int n = 0; n < GENERATED_PROFILES; n++) {
            Profile profile = randomProfile(random);

            // When the rules and the hand-written policy decide each
            HandWrittenDecision byRules = fromRules(knowledgeBase.evaluate(profile));
            HandWrittenDecision byHand = HandWrittenPolicy.decide(profile);

            // Then they agree on every item
            assertAgree("generated profile " + n + " " + profile, byHand, byRules);
        }
    }

    private static final int GENERATED_PROFILES = 400;
    private static final String[] COUNTRIES = {"US", "CN", "HK", "SG", "TH", "GB", "KR", "MO"};
    private static final LocalDate[] DATES = {LocalDate.of(2024, 2, 29), LocalDate.of(2024, 3, 1),
        LocalDate.of(2025, 2, 24), LocalDate.of(2025, 2, 25), LocalDate.of(2025, 6, 1)};
    private static final String[] AMOUNTS = {"0.01", "88", "200", "200.01", "333.35", "300.01", "500", "999.99",
        "1000", "1000.01", "3600", "4562", "5000", "5000.01", "7200", "7200.01", "14400", "14400.01", "35000",
        "36000", "36000.01", "50000", "50000.01"};
    private static final String[] USED = {"0", "700", "999.99", "4800", "13500", "19800", "35000", "70000",
        "199000", "355000", "359999.99"};

    private static Profile randomProfile(Random random) {
        Verification[] verifications = Verification.values();
        User user = new User(pick(random, COUNTRIES), random.nextBoolean(), pick(random, App.values()),
                verifications[random.nextInt(verifications.length)], random.nextBoolean(), random.nextBoolean(),
                random.nextBoolean(), random.nextBoolean() ? Set.of() : EnumSet.allOf(Document.class),
                random.nextInt(4) == 0);
        List<Card> cards = new ArrayList<>();
        int cardCount = random.nextInt(4);
        for (int i = 0; i < cardCount; i++) {
            cards.add(new Card("card" + (char) ('c' - i), pick(random, COUNTRIES), pick(random, Network.values()),
                    pick(random, CardType.values()), null, random.nextBoolean(), null));
        }
        Map<TransactionKind, BigDecimal> today = new EnumMap<>(TransactionKind.class);
        for (TransactionKind kind : TransactionKind.values()) {
            if (random.nextInt(4) == 0) {
                today.put(kind, new BigDecimal(pick(random, USED)));
            }
        }
        Usage usage = new Usage(today, pick(random, new Integer[] {0, 99, 100}), new BigDecimal(pick(random, USED)),
                new BigDecimal(pick(random, USED)), new BigDecimal(pick(random, USED)), 1);
        List<Payment> payments = new ArrayList<>();
        int paymentCount = random.nextInt(6);
        for (int i = 0; i < paymentCount; i++) {
            int via = random.nextInt(cards.size() + 2);
            payments.add(new Payment("t" + (i + 1), i + 1, pick(random, TransactionKind.values()),
                    new BigDecimal(pick(random, AMOUNTS)),
                    via == 0 ? Payment.BALANCE : via == 1 ? Payment.WALLET : cards.get(via - 2).id()));
        }
        Map<String, BigDecimal> fx = switch (random.nextInt(3)) {
            case 0 -> Map.of("USD", new BigDecimal("7.00"));
            case 1 -> Map.of("USD", new BigDecimal("7.12345"), "EUR", new BigDecimal("7.8"));
            default -> Map.of();
        };
        return new Profile(pick(random, DATES), fx, user, cards, usage, payments);
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
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
                    .usingComparator(BY_VALUE).isEqualTo(rules.feeMin());
            softly.assertThat(hand.feeMax()).as("%s: transaction %s fee max", where, rules.id())
                    .usingComparator(BY_VALUE).isEqualTo(rules.feeMax());
        }
        softly.assertThat(byHand.advice()).as("%s: advice codes", where).isEqualTo(byRules.advice());
        softly.assertThat(byHand).as("%s: whole decision", where).isEqualTo(byRules);
        softly.assertAll();
    }

    /** Amounts compare by value (6.03 equals 6.030); no fee (null) equals only no fee. */
    private static final Comparator<BigDecimal> BY_VALUE = new Comparator<>() {
        @Override
        public int compare(BigDecimal a, BigDecimal b) {
            if (a == null || b == null) {
                return a == b ? 0 : a == null ? -1 : 1;
            }
            return a.compareTo(b);
        }

        @Override
        public String toString() {
            return "amounts by value";
        }
    };

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
