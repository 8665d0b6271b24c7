package alipaykb.bench;

import alipaykb.decisions.AdviceCode;
import alipaykb.decisions.FundingCode;
import alipaykb.decisions.Likelihood;
import alipaykb.decisions.LimitScope;
import alipaykb.decisions.Outcome;
import alipaykb.decisions.ReasonCode;
import alipaykb.decisions.TierCode;
import alipaykb.facts.TransactionKind;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link HandWrittenPolicy} decides for one profile: the parts of a rules {@code Decision} that carry
 * the policy (codes, likelihoods, cards, limits, verdicts, fee amounts, advice codes), without the texts and
 * provenance. Benchmark-only. The collections are the policy's own, unmodifiable, and are not copied here, so
 * that building a decision costs no more than it must.
 *
 * @param fundingOptions the ranked funding options, best first
 * @param tier           the limit tier that applies
 * @param limits         the tier's limits, ordered by scope and then kind (all kinds first), as the rules list them
 * @param transactions   one verdict per transaction, in the order given
 * @param advice         the codes of the advice given
 */
public record HandWrittenDecision(List<FundingEntry> fundingOptions, TierCode tier, List<TierLimit> limits,
                                  List<TransactionVerdict> transactions, Set<AdviceCode> advice) {

    /**
     * One ranked funding option.
     *
     * @param cards the ids of the cards that gave the code, sorted
     */
    public record FundingEntry(FundingCode code, Likelihood likelihood, List<String> cards) {
    }

    /**
     * One limit in force.
     *
     * @param kind the transaction kind the limit is about, or null for all kinds together
     * @param cny  the limit in CNY (a count for {@link LimitScope#RED_ENVELOPES_PER_DAY}); equal by value, whatever the scale
     */
    public record TierLimit(LimitScope scope, TransactionKind kind, BigDecimal cny) {
        @Override
        public boolean equals(Object other) {
            return other instanceof TierLimit that && scope == that.scope && kind == that.kind
                    && sameAmount(cny, that.cny);
        }

        @Override
        public int hashCode() {
            return Objects.hash(scope, kind, cny == null ? null : cny.stripTrailingZeros());
        }
    }

    /**
     * The verdict on one transaction.
     *
     * @param reasons every reason to deny (empty when allowed)
     * @param feeMin  the fee quote's minimum in CNY, or null when the transaction is denied
     * @param feeMax  the fee quote's maximum in CNY, or null when the transaction is denied
     */
    public record TransactionVerdict(String id, Outcome outcome, Set<ReasonCode> reasons, BigDecimal feeMin,
                                     BigDecimal feeMax) {
        @Override
        public boolean equals(Object other) {
            return other instanceof TransactionVerdict that && id.equals(that.id) && outcome == that.outcome
                    && reasons.equals(that.reasons) && sameAmount(feeMin, that.feeMin)
                    && sameAmount(feeMax, that.feeMax);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, outcome, reasons, feeMin == null ? null : feeMin.stripTrailingZeros(),
                    feeMax == null ? null : feeMax.stripTrailingZeros());
        }
    }

    /** Amounts are equal by value: 36000 and 36000.00 are the same limit. */
    static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
