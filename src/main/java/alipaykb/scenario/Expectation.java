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
        /** As a scenario file writes it: {@code min}, or {@code min-max}. */
        @Override
        public String toString() {
            return min.compareTo(max) == 0 ? Checks.shown(min) : Checks.shown(min) + "-" + Checks.shown(max);
        }

        /**
         * As a message shows it: {@code CNY min}, or {@code CNY min to max}. Written {@code min-max}, or beside
         * another number, a fee would read as one number with it from 12 digits on (1000.00-3000.00, an id of
         * digits and its fee, or {@code 123456.78 → 123456.79}), and be cut to its last four in every output; the
         * words on both sides keep it apart.
         */
        public String shown() {
            return "CNY " + Checks.shown(min) + (min.compareTo(max) == 0 ? "" : " to " + Checks.shown(max));
        }

        /** A fee as a scenario file writes it ({@code min} or {@code min-max}), as a message shows it. */
        public static String shown(String written) {
            if (written == null) {
                return null;
            }
            java.util.regex.Matcher range = RANGE.matcher(written);
            if (range.matches()) {
                return "CNY " + range.group(1) + (range.group(2) == null ? "" : " to " + range.group(2));
            }
            return written;
        }

        private static final java.util.regex.Pattern RANGE = java.util.regex.Pattern.compile(
                "\\s*\"?([0-9][0-9.]*)(?:\\s*-\\s*([0-9][0-9.]*))?\"?\\s*");
    }
}
