package alipaykb.scenario;

import alipaykb.facts.Checks;
import alipaykb.decisions.AdviceCode;
import alipaykb.decisions.FundingCode;
import alipaykb.decisions.Likelihood;
import alipaykb.decisions.Outcome;
import alipaykb.decisions.ReasonCode;
import alipaykb.decisions.TierCode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a scenario expects. Every part is optional (null when not written); only what is written is checked.
 *
 * @param funding         the exact ranked list of funding options
 * @param fundingIncludes options that must be offered (with that likelihood, when one is written)
 * @param fundingExcludes options that must not be offered (with that likelihood, when one is written)
 * @param verdicts per transaction id; a verdict's reasons are null when only the outcome is checked
 * @param fees     per transaction id
 */
public record Expectation(
        List<ExpectedOption> funding,
        List<ExpectedOption> fundingIncludes,
        List<ExpectedOption> fundingExcludes,
        TierCode tier,
        Map<String, ExpectedVerdict> verdicts,
        Map<String, ExpectedFee> fees,
        Set<AdviceCode> advice,
        List<String> fired,
        List<String> notFired) {

    /** An expectation that checks nothing. */
    public static Expectation none() {
        return new Expectation(null, null, null, null, null, null, null, null, null);
    }

    /** One entry of the expected funding list: a code, and its likelihood when written. */
    public record ExpectedOption(FundingCode code, Likelihood likelihood) {
        /** Whether an offered option is this one: the same code, and the same likelihood when one is written. */
        public boolean matches(FundingCode offeredCode, Likelihood offeredLikelihood) {
            return code == offeredCode && (likelihood == null || likelihood == offeredLikelihood);
        }

        @Override
        public String toString() {
            return likelihood == null ? code.name() : code + ":" + likelihood;
        }
    }

    /** An expected verdict: the outcome, and for a denial the exact set of reasons when written. */
    public record ExpectedVerdict(Outcome outcome, Set<ReasonCode> reasons) {
        @Override
        public String toString() {
            return reasons == null || reasons.isEmpty() ? outcome.name()
                    : outcome + " " + String.join(" ", reasons.stream().sorted().map(Enum::name).toList());
        }
    }

    /** An expected fee quote: min and max in CNY. */
    public record ExpectedFee(BigDecimal min, BigDecimal max) {
        @Override
        public String toString() {
            return min.compareTo(max) == 0 ? Checks.shown(min) : Checks.shown(min) + "-" + Checks.shown(max);
        }
    }
}
