package alipaykb.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import alipaykb.facts.Checks;
import alipaykb.facts.CountsToward;
import alipaykb.facts.InvalidFactException;
import alipaykb.facts.Payment;
import alipaykb.facts.Period;
import alipaykb.facts.TransactionKind;
import alipaykb.facts.Usage;
import alipaykb.facts.UsageTotal;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rows of the rule files' tables, and what the rules state with them, as Java receives them. */
class PolicyTablesTest {
    private static final Provenance RULE = new Provenance("a rule", "a.drl", "seed");

    @Test
    void aNumberLiteralIsTheDecimalItIsWrittenAs() {
        // Given literals whose binary doubles are not exact, When they are read, Then they are the decimals written
        assertThat(Checks.literal(7.20, 6, "rate")).isEqualTo(new BigDecimal("7.2"));
        assertThat(Checks.literal(0.1, 2, "amount")).isEqualTo(new BigDecimal("0.1"));
        assertThat(Checks.literal(999_999_999.99, 2, "amount")).isEqualTo(new BigDecimal("999999999.99"));
        assertThat(Checks.literal(200000, 2, "amount")).isEqualTo(new BigDecimal("200000"));
        assertThat(Checks.literal(0.000452, 6, "rate")).isEqualTo(new BigDecimal("0.000452"));
    }

    @Test
    void aLiteralWithMoreDecimalsThanItsColumnAllowsOrNoNumberIsRefused() {
        assertThatThrownBy(() -> Checks.literal(1000.005, 2, "amount")).isInstanceOf(InvalidFactException.class)
                .hasMessageContaining("at most 2 decimal places").hasMessageContaining("1000.005");
        assertThatThrownBy(() -> Checks.literal(1e300, 2, "amount")).hasMessageContaining("15 digits");
        assertThatThrownBy(() -> Checks.literal(Double.NaN, 2, "amount")).hasMessageContaining("not a finite number");
        assertThatThrownBy(() -> Checks.literal(Double.POSITIVE_INFINITY, 2, "amount"))
                .hasMessageContaining("not a finite number");
    }

    @Test
    void aTierRowMakesALimitCitingTheRowsSource() {
        // Given a row of the tier table
        TierLimit row = TierLimit.row(TierCode.UNVERIFIED, LimitScope.DAILY, TierLimit.ALL_KINDS, 1000, "pboc-2024");

        // When the rule that applies it makes the limit
        Limit limit = Limit.of(row, RULE);

        // Then the limit has the row's values and cites the row's source under the rule's name
        assertThat(limit.value()).isEqualTo(new BigDecimal("1000"));
        assertThat(limit.kind()).isNull();
        assertThat(limit.because()).isEqualTo(new Provenance("a rule", "a.drl", "pboc-2024"));
    }

    @Test
    void aFeatureRowMakesALimit() {
        FeatureLimit row = FeatureLimit.row(Feature.RED_ENVELOPES, LimitScope.RED_ENVELOPES_PER_DAY,
                TransactionKind.RED_ENVELOPE, 100, "seed");
        assertThat(Limit.of(row, RULE).value()).isEqualTo(new BigDecimal("100"));
        assertThat(Limit.of(row, RULE).scope()).isEqualTo(LimitScope.RED_ENVELOPES_PER_DAY);
    }

    @Test
    void aCountLimitIsAWholeNumberAndMoneyHasTwoDecimalsAtMost() {
        assertThatThrownBy(() -> FeatureLimit.row(Feature.RED_ENVELOPES, LimitScope.RED_ENVELOPES_PER_DAY,
                TransactionKind.RED_ENVELOPE, 100.5, "seed")).hasMessageContaining("counts items: a whole number");
        assertThatThrownBy(() -> FeatureLimit.row(Feature.RED_ENVELOPES, LimitScope.RED_ENVELOPES_PER_DAY,
                TransactionKind.RED_ENVELOPE, -1, "seed")).hasMessageContaining("counts items");
        assertThatThrownBy(() -> TierLimit.row(TierCode.UNVERIFIED, LimitScope.DAILY, null, -1, "seed"))
                .hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> TierLimit.row(TierCode.UNVERIFIED, LimitScope.DAILY, null, 1, " "))
                .isInstanceOf(InvalidFactException.class);
    }

    @Test
    void aFeeIsTheRowsShareOfTheAmountRoundedAsTheRulesSay() {
        // Given a 3% fee above 200 CNY, rounded half-up to the fen
        FeeRate rate = FeeRate.row(FeeItemCode.FOREIGN_CARD_SERVICE_FEE, 200, 3, 3, "pboc-2024");
        FeeRounding fen = new FeeRounding(2, RoundingMode.HALF_UP);

        // When 201.50 CNY is charged
        FeeItem item = FeeItem.percent("t1", rate, new BigDecimal("201.50"), fen, "of the whole amount", RULE);

        // Then the fee is 6.045 rounded up to 6.05, the note carries the row's figures and the row's source
        assertThat(item.min()).isEqualTo(new BigDecimal("6.05"));
        assertThat(item.note()).isEqualTo("3% of the whole amount above 200 CNY");
        assertThat(item.because().source()).isEqualTo("pboc-2024");
        // And rounded down to the yuan instead, the same fee is 6
        assertThat(FeeItem.percent("t1", rate, new BigDecimal("201.50"), new FeeRounding(0, RoundingMode.DOWN), "x", RULE)
                .max()).isEqualTo(new BigDecimal("6"));
    }

    @Test
    void aFeeRangeWithoutThresholdSaysBothEnds() {
        FeeRate rate = FeeRate.row(FeeItemCode.CURRENCY_CONVERSION, 0, 1, 2.5, "seed");
        FeeItem item = FeeItem.percent("t1", rate, new BigDecimal("100"), new FeeRounding(2, RoundingMode.HALF_UP),
                "of the amount", RULE);
        assertThat(item.note()).isEqualTo("1% to 2.5% of the amount");
        assertThat(item.max()).isEqualTo(new BigDecimal("2.50"));
    }

    @Test
    void aFeeRowAndARoundingThatMakeNoSenseAreRefused() {
        assertThatThrownBy(() -> FeeRate.row(FeeItemCode.CURRENCY_CONVERSION, 0, 3, 1, "seed"))
                .hasMessageContaining("lowest first");
        assertThatThrownBy(() -> FeeRate.row(FeeItemCode.CURRENCY_CONVERSION, 0, -1, 1, "seed"))
                .hasMessageContaining("from 0 to 100");
        assertThatThrownBy(() -> FeeRate.row(FeeItemCode.CURRENCY_CONVERSION, 0, 1, 101, "seed"))
                .hasMessageContaining("from 0 to 100");
        assertThatThrownBy(() -> new FeeRounding(3, RoundingMode.HALF_UP)).hasMessageContaining("not 3");
        assertThatThrownBy(() -> new FeeRounding(-1, RoundingMode.HALF_UP)).hasMessageContaining("not -1");
        assertThatThrownBy(() -> new FeeRounding(2, RoundingMode.UNNECESSARY)).hasMessageContaining("which way");
    }

    private static FundingOption option(FundingCode code, Likelihood likelihood, int position) {
        return new FundingOption(code, likelihood, position, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    @Test
    void optionsAreRankedByTheKeysTheRulesName() {
        // Given a likely option late in the order list and an unlikely one early in it
        List<FundingOption> options = new ArrayList<>(List.of(option(FundingCode.DIRECT_BIND, Likelihood.LOW, 1),
                option(FundingCode.HUABEI, Likelihood.HIGH, 4)));

        // When ranked by likelihood first, Then the likely one leads
        options.sort(new OptionRanking(List.of(RankBy.LIKELIHOOD, RankBy.ORDER_IN_RULES), RULE).order());
        assertThat(options).extracting(FundingOption::code).containsExactly(FundingCode.HUABEI, FundingCode.DIRECT_BIND);

        // When ranked by the order list alone, Then the first in the list leads
        options.sort(new OptionRanking(List.of(RankBy.ORDER_IN_RULES), RULE).order());
        assertThat(options).extracting(FundingOption::code).containsExactly(FundingCode.DIRECT_BIND, FundingCode.HUABEI);
    }

    @Test
    void aRankingNamesEachKeyOnceAndAtLeastOne() {
        assertThatThrownBy(() -> new OptionRanking(List.of(), RULE)).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new OptionRanking(List.of(RankBy.LIKELIHOOD, RankBy.LIKELIHOOD), RULE))
                .hasMessageContaining("each key once");
    }

    @Test
    void anAllowedPaymentCountsTowardTheTotalsTheRulesListedForItOnly() {
        // Given a red envelope of 50 that the rules count toward today's kind and the red envelopes only
        Payment envelope = new Payment("t1", 1, TransactionKind.RED_ENVELOPE, new BigDecimal("50"), Payment.BALANCE);
        List<Object> totals = List.of(new CountsToward("t1", UsageTotal.TODAY_BY_KIND),
                new CountsToward("t1", UsageTotal.RED_ENVELOPES_TODAY), new CountsToward("t2", UsageTotal.THIS_YEAR),
                "not a total");

        // When it is allowed
        Usage after = Usage.none().afterAllowed(envelope, totals);

        // Then exactly those totals moved, and another transaction's listing did not count
        assertThat(after.today(TransactionKind.RED_ENVELOPE)).isEqualTo(new BigDecimal("50"));
        assertThat(after.redEnvelopesToday()).isEqualTo(1);
        assertThat(after.thisMonth()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(after.thisYear()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(after.foreignCardsThisYear()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(after.nextPayment()).isEqualTo(2);

        // And counted toward month, year and foreign cards, those move and today does not
        Usage other = Usage.none().afterAllowed(envelope, List.of(new CountsToward("t1", UsageTotal.THIS_MONTH),
                new CountsToward("t1", UsageTotal.THIS_YEAR), new CountsToward("t1", UsageTotal.FOREIGN_CARDS_THIS_YEAR)));
        assertThat(other.today(TransactionKind.RED_ENVELOPE)).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(other.thisMonth()).isEqualTo(new BigDecimal("50"));
        assertThat(other.thisYear()).isEqualTo(new BigDecimal("50"));
        assertThat(other.foreignCardsThisYear()).isEqualTo(new BigDecimal("50"));
        assertThat(other.redEnvelopesToday()).isZero();
    }

    @Test
    void aDateIsCheckedWhenItIsMade() {
        assertThat(Period.from(2024, 3, 1).contains(java.time.LocalDate.of(2024, 3, 1))).isTrue();
        assertThat(Period.before(2024, 3, 1).contains(java.time.LocalDate.of(2024, 3, 1))).isFalse();
        assertThatThrownBy(() -> Period.from(2024, 2, 30)).isInstanceOf(InvalidFactException.class)
                .hasMessageContaining("2024-2-30 does not exist");
        assertThatThrownBy(() -> Period.before(2024, 13, 1)).hasMessageContaining("2024-13-1 does not exist");
    }

    @Test
    void aDefaultRateIsShownWithTwoDecimalsAtLeast() {
        assertThat(alipaykb.facts.FxRate.byDefault("USD", 7.2).cnyPerUnit().toPlainString()).isEqualTo("7.20");
        assertThat(alipaykb.facts.FxRate.byDefault("JPY", 0.0452).cnyPerUnit().toPlainString()).isEqualTo("0.0452");
    }
}
