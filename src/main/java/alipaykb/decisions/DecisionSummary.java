package alipaykb.decisions;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The codes of a decision, without texts or provenance: what a nightly batch keeps per profile.
 *
 * @param funding  the ranked options as {@code CODE:LIKELIHOOD}
 * @param verdicts per transaction: {@code ALLOW} or {@code DENY REASON ...}
 * @param fees     per allowed transaction: {@code min}, or {@code min to max} (written {@code min-max}, a range of 12
 *                 digits or more, from 1000.00-3000.00 on, would be cut like a card number in every output)
 */
public record DecisionSummary(String rulesVersion, LocalDate asOf, List<String> funding, TierCode tier,
                              Map<String, String> verdicts, Map<String, String> fees, List<AdviceCode> advice) {

    /** The summary of a decision. */
    public static DecisionSummary of(Decision decision) {
        Map<String, String> verdicts = new LinkedHashMap<>();
        Map<String, String> fees = new LinkedHashMap<>();
        for (TransactionResult result : decision.transactions()) {
            verdicts.put(result.id(), result.outcome() == Outcome.ALLOW ? "ALLOW" : "DENY " + result.reasons().stream()
                    .map(DenyReason::code).distinct().sorted().map(Enum::name).collect(Collectors.joining(" ")));
            if (result.fee() != null) {
                FeeQuote fee = result.fee();
                fees.put(result.id(), fee.min().compareTo(fee.max()) == 0 ? fee.min().toPlainString()
                        : fee.min().toPlainString() + " to " + fee.max().toPlainString());
            }
        }
        return new DecisionSummary(decision.rulesVersion(), decision.asOf(),
                decision.fundingOptions().stream().map(o -> o.code() + ":" + o.likelihood()).toList(),
                decision.tier() == null ? null : decision.tier().code(), verdicts, fees,
                decision.advice().stream().map(Advice::code).distinct().toList());
    }
}
