package alipaykb.decisions;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer for one profile: the ranked funding options, the tier and its limits, a verdict and fee
 * quote per transaction, the advice and the rules that fired, made by the rule set {@code rulesVersion}.
 *
 * @param rulesVersion a hash of the contents of the rule files that made the decision
 * @param fx           the exchange rates in use, whether given or the rules' defaults
 */
public record Decision(String rulesVersion, LocalDate asOf, Map<String, BigDecimal> fx,
                       List<FundingOption> fundingOptions, Tier tier, List<TransactionResult> transactions,
                       List<Advice> advice, List<FiredRule> firedRules) {
    public Decision {
        Objects.requireNonNull(rulesVersion, "rulesVersion");
        Objects.requireNonNull(asOf, "asOf");
        // By currency, so that every output lists the rates in the same order, run after run.
        fx = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(Map.copyOf(fx)));
        fundingOptions = List.copyOf(fundingOptions);
        transactions = List.copyOf(transactions);
        advice = List.copyOf(advice);
        firedRules = List.copyOf(firedRules);
    }

    /** The result for a transaction id. */
    public Optional<TransactionResult> transaction(String id) {
        return transactions.stream().filter(result -> result.id().equals(id)).findFirst();
    }
}
