package alipaykb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import alipaykb.decisions.Decision;
import alipaykb.decisions.DenyReason;
import alipaykb.decisions.FeeQuote;
import alipaykb.decisions.FiredRule;
import alipaykb.decisions.Limit;
import alipaykb.decisions.LimitScope;
import alipaykb.decisions.Outcome;
import alipaykb.decisions.ReasonCode;
import alipaykb.decisions.TransactionResult;
import alipaykb.facts.Card;
import alipaykb.facts.Payment;
import alipaykb.facts.Profile;
import alipaykb.facts.TransactionKind;
import alipaykb.facts.Usage;
import alipaykb.facts.User;
import alipaykb.facts.Verification;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * Invariants every decision keeps, whatever the profile: checked on random but valid profiles
 * ({@link ProfileArbitraries}) against the shipped rules.
 */
class DecisionPropertiesTest {
    private static final KnowledgeBase KB = KnowledgeBase.load(Path.of("src/test/resources/frozen-rules"));
    private static final BigDecimal FEN = new BigDecimal("0.01");
    /** A date well after both policy changes, where the no-verification total is far above a day's limit. */
    private static final LocalDate AS_OF = LocalDate.of(2025, 6, 1);

    // --- a. A denied transaction changes no usage -------------------------------------------------------

    @Property(tries = 200)
    void aDeniedTransactionLeavesTheLaterVerdictsAndFeesAsIfItWereNotThere(
            @ForAll("profilesWithSeveralTransactions") Profile profile) {
        // Given a profile whose first transaction is denied, and the same profile without that transaction
        Decision withFirst = KB.evaluate(profile);
        Assume.that(withFirst.transactions().get(0).outcome() == Outcome.DENY);
        Profile withoutFirst = withoutFirstTransaction(profile);

        // When the profile without it is decided
        Decision without = KB.evaluate(withoutFirst);

        // Then every later transaction has the same verdict, reasons and fee quote
        List<TransactionResult> later = withFirst.transactions().subList(1, withFirst.transactions().size());
        assertThat(later).isEqualTo(without.transactions());
    }

    // --- b. Fee quotes are well-formed ------------------------------------------------------------------

    @Property(tries = 200)
    void everyFeeQuoteHasAMinAtMostItsMaxBothNonNegativeWithAtMostTwoDecimals(
            @ForAll("profiles") Profile profile) {
        // Given a random profile

        // When it is decided
        Decision decision = KB.evaluate(profile);

        // Then each fee quote is a range 0 <= min <= max, in fen
        for (TransactionResult result : decision.transactions()) {
            FeeQuote fee = result.fee();
            if (fee == null) {
                continue;
            }
            assertThat(fee.min()).as("min of %s", result.id()).isGreaterThanOrEqualTo(BigDecimal.ZERO);
            assertThat(fee.max()).as("max of %s", result.id()).isGreaterThanOrEqualTo(BigDecimal.ZERO);
            assertThat(fee.min()).as("min of %s", result.id()).isLessThanOrEqualTo(fee.max());
            assertThat(fee.min().scale()).as("scale of min of %s", result.id()).isLessThanOrEqualTo(2);
            assertThat(fee.max().scale()).as("scale of max of %s", result.id()).isLessThanOrEqualTo(2);
        }
    }

    // --- c. The daily limit is reached exactly, not exceeded --------------------------------------------

    @Property(tries = 200)
    void aPaymentExactlyAtTheDailyLimitIsAllowedAndOneFenAboveIsDenied(
            @ForAll("spendingBelowTheDailyLimit") BelowTheDailyLimit given) {
        // Given a user on the UNVERIFIED or PASSPORT_VERIFIED tier who spent less than the daily limit today
        BigDecimal limit = given.dailyLimit();
        BigDecimal rest = limit.subtract(given.spentToday());
        Profile exactly = given.paying(rest);
        Profile aboveByOneFen = given.paying(rest.add(FEN));

        // When a QR payment from the balance of exactly the rest, or one fen more, is decided
        Decision atTheLimit = KB.evaluate(exactly);
        Decision overTheLimit = KB.evaluate(aboveByOneFen);

        // Then the tier's daily limit is the one the payments were sized to
        assertThat(dailyLimitOfAllKinds(atTheLimit)).isEqualByComparingTo(limit);
        assertThat(dailyLimitOfAllKinds(overTheLimit)).isEqualByComparingTo(limit);
        // and the payment that reaches it exactly is allowed, the one above it is denied for the daily limit
        TransactionResult reaching = atTheLimit.transactions().get(0);
        assertThat(reaching.outcome()).as("%s reaching the limit: %s", reaching.amount(), reasonCodes(reaching))
                .isEqualTo(Outcome.ALLOW);
        TransactionResult exceeding = overTheLimit.transactions().get(0);
        assertThat(exceeding.outcome()).isEqualTo(Outcome.DENY);
        assertThat(reasonCodes(exceeding)).contains(ReasonCode.DAILY_LIMIT);
    }

    // --- d. The order of the cards does not matter ------------------------------------------------------

    @Property(tries = 200)
    void theDecisionDoesNotDependOnTheOrderOfTheCards(
            @ForAll("profilesWithShuffledCards") Tuple2<Profile, List<Card>> given) {
        // Given a profile with two or three cards, the same with its cards reversed and with them shuffled
        Profile profile = given.get1();
        List<Card> reversed = new ArrayList<>(profile.cards());
        Collections.reverse(reversed);

        // When all three are decided
        Decision original = KB.evaluate(profile);
        Decision backward = KB.evaluate(withCards(profile, reversed));
        Decision shuffled = KB.evaluate(withCards(profile, given.get2()));

        // Then options, tier, verdicts with their fees, and advice are equal
        for (Decision other : List.of(backward, shuffled)) {
            assertThat(other.fundingOptions()).isEqualTo(original.fundingOptions());
            assertThat(other.tier()).isEqualTo(original.tier());
            assertThat(other.transactions()).isEqualTo(original.transactions());
            assertThat(other.advice()).isEqualTo(original.advice());
        }
    }

    // --- e. A decision is deterministic -----------------------------------------------------------------

    @Property(tries = 200)
    void decidingTheSameProfileTwiceGivesTheSameDecision(@ForAll("profiles") Profile profile) {
        // Given a random profile

        // When it is decided twice
        Decision first = KB.evaluate(profile);
        Decision second = KB.evaluate(profile);

        // Then both decisions are equal, down to the rules that fired and how often
        assertThat(second.fundingOptions()).isEqualTo(first.fundingOptions());
        assertThat(second.tier()).isEqualTo(first.tier());
        assertThat(second.transactions()).isEqualTo(first.transactions());
        assertThat(second.advice()).isEqualTo(first.advice());
        assertThat(firings(second)).isEqualTo(firings(first));
    }

    // --- f. Verdicts are consistent with their reasons and fees -----------------------------------------

    @Property(tries = 200)
    void anAllowedTransactionHasNoReasonAndAFeeQuoteAndADeniedOneHasAReasonAndNoFee(
            @ForAll("profiles") Profile profile) {
        // Given a random profile

        // When it is decided
        Decision decision = KB.evaluate(profile);

        // Then every transaction has a verdict, with reasons exactly when denied and a fee exactly when allowed
        assertThat(decision.transactions()).hasSameSizeAs(profile.transactions());
        for (TransactionResult result : decision.transactions()) {
            if (result.outcome() == Outcome.ALLOW) {
                assertThat(result.reasons()).as("reasons of allowed %s", result.id()).isEmpty();
                assertThat(result.fee()).as("fee of allowed %s", result.id()).isNotNull();
            } else {
                assertThat(result.outcome()).isEqualTo(Outcome.DENY);
                assertThat(result.reasons()).as("reasons of denied %s", result.id()).isNotEmpty();
                assertThat(result.fee()).as("fee of denied %s", result.id()).isNull();
            }
        }
    }

    // --- Generators ---------------------------------------------------------------------------------------

    @Provide
    Arbitrary<Profile> profiles() {
        return ProfileArbitraries.profiles();
    }

    @Provide
    Arbitrary<Profile> profilesWithSeveralTransactions() {
        return ProfileArbitraries.profiles(0, 3, 2, 4);
    }

    @Provide
    Arbitrary<Tuple2<Profile, List<Card>>> profilesWithShuffledCards() {
        return ProfileArbitraries.profiles(2, 3, 1, 4)
                .flatMap(profile -> Arbitraries.shuffle(profile.cards()).map(cards -> Tuple.of(profile, cards)));
    }

    /**
     * A user on the UNVERIFIED or PASSPORT_VERIFIED tier who spent from 0 to one fen below the tier's daily
     * limit today, split between two kinds, with little spent this month and year besides.
     */
    @Provide
    Arbitrary<BelowTheDailyLimit> spendingBelowTheDailyLimit() {
        Arbitrary<User> users = ProfileArbitraries.users(Arbitraries.of(Verification.NONE, Verification.PASSPORT));
        return users.flatMap(user -> {
            BigDecimal limit = dailyLimitOfAllKinds(KB.evaluate(new Profile(AS_OF, Map.of(), user, List.of(),
                    Usage.none(), List.of())));
            return Combinators.combine(
                    ProfileArbitraries.money("0", limit.subtract(FEN).toPlainString()),
                    Arbitraries.integers().between(0, 100),
                    Arbitraries.of(TransactionKind.class),
                    Arbitraries.of(TransactionKind.class),
                    ProfileArbitraries.money("0", "1000"),
                    ProfileArbitraries.money("0", "1000"),
                    ProfileArbitraries.cards(0, 3))
                    .as((spent, percentOnFirst, firstKind, secondKind, alsoThisMonth, alsoThisYear, cards) -> {
                        BigDecimal onFirst = spent.multiply(BigDecimal.valueOf(percentOnFirst))
                                .divide(BigDecimal.valueOf(100), 2, RoundingMode.DOWN);
                        Map<TransactionKind, BigDecimal> today = new EnumMap<>(TransactionKind.class);
                        today.merge(firstKind, onFirst, BigDecimal::add);
                        today.merge(secondKind, spent.subtract(onFirst), BigDecimal::add);
                        BigDecimal thisMonth = spent.add(alsoThisMonth);
                        Usage usage = new Usage(today, 0, thisMonth, thisMonth.add(alsoThisYear), BigDecimal.ZERO, 1);
                        return new BelowTheDailyLimit(user, cards, usage, limit);
                    });
        });
    }

    /** A user who spent less than their daily limit today, and that limit as the rules give it. */
    record BelowTheDailyLimit(User user, List<Card> cards, Usage usage, BigDecimal dailyLimit) {
        BigDecimal spentToday() {
            return usage.todayTotal();
        }

        /** The profile paying the amount by QR code from the balance. */
        Profile paying(BigDecimal amount) {
            return new Profile(AS_OF, Map.of(), user, cards, usage,
                    List.of(new Payment("t1", 1, TransactionKind.QR_PAYMENT, amount, Payment.BALANCE)));
        }
    }

    // --- Helpers -----------------------------------------------------------------------------------------

    private static BigDecimal dailyLimitOfAllKinds(Decision decision) {
        return decision.tier().limits().stream()
                .filter(limit -> limit.scope() == LimitScope.DAILY && limit.kind() == null)
                .map(Limit::value)
                .findFirst()
                .orElseThrow(() -> new AssertionError("the tier " + decision.tier().code()
                        + " has no daily limit of all kinds together"));
    }

    private static Profile withoutFirstTransaction(Profile profile) {
        List<Payment> rest = profile.transactions().stream().skip(1)
                .map(p -> new Payment(p.id(), p.position() - 1, p.kind(), p.amount(), p.via()))
                .toList();
        return new Profile(profile.asOf(), profile.fx(), profile.user(), profile.cards(), profile.usage(), rest);
    }

    private static Profile withCards(Profile profile, List<Card> cards) {
        return new Profile(profile.asOf(), profile.fx(), profile.user(), cards, profile.usage(),
                profile.transactions());
    }

    private static List<ReasonCode> reasonCodes(TransactionResult result) {
        return result.reasons().stream().map(DenyReason::code).toList();
    }

    private static Map<String, Integer> firings(Decision decision) {
        return decision.firedRules().stream()
                .collect(Collectors.toMap(FiredRule::name, FiredRule::times, Integer::sum));
    }
}
