package alipaykb.scenario;

import alipaykb.decisions.Advice;
import alipaykb.decisions.Decision;
import alipaykb.decisions.DenyReason;
import alipaykb.decisions.FeeQuote;
import alipaykb.decisions.Limit;
import alipaykb.decisions.Outcome;
import alipaykb.decisions.Tier;
import alipaykb.decisions.TransactionResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** What changes between two decisions on the same profile: options, tier and limits, verdicts, fees, advice. */
public final class DecisionDiff {
    private DecisionDiff() {
    }

    /** Each change in words, {@code before → after}; empty when the two decide alike. */
    public static List<String> between(Decision before, Decision after) {
        List<String> changes = new ArrayList<>();
        compare(changes, "funding", funding(before), funding(after));
        compare(changes, "tier", tier(before.tier()), tier(after.tier()));
        Map<String, String> limitsBefore = limits(before.tier());
        Map<String, String> limitsAfter = limits(after.tier());
        TreeSet<String> scopes = new TreeSet<>(limitsBefore.keySet());
        scopes.addAll(limitsAfter.keySet());
        for (String scope : scopes) {
            compare(changes, "limits." + scope, limitsBefore.getOrDefault(scope, "none"),
                    limitsAfter.getOrDefault(scope, "none"));
        }
        Map<String, TransactionResult> afterById = new LinkedHashMap<>();
        after.transactions().forEach(result -> afterById.put(result.id(), result));
        for (TransactionResult was : before.transactions()) {
            TransactionResult now = afterById.get(was.id());
            if (now == null) {
                continue;
            }
            compare(changes, "verdicts." + was.id(), verdict(was), verdict(now));
            compare(changes, "fees." + was.id(), fee(was.fee()), fee(now.fee()));
        }
        compare(changes, "advice", advice(before), advice(after));
        return changes;
    }

    private static void compare(List<String> changes, String what, String before, String after) {
        if (!Objects.equals(before, after)) {
            changes.add(what + ": " + before + " → " + after);
        }
    }

    private static String funding(Decision decision) {
        return decision.fundingOptions().stream()
                .map(option -> option.code() + ":" + option.likelihood()
                        + (option.cards().isEmpty() ? "" : " (" + String.join(", ", option.cards()) + ")"))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String tier(Tier tier) {
        return tier == null ? "none" : tier.code().name();
    }

    private static Map<String, String> limits(Tier tier) {
        Map<String, String> limits = new LinkedHashMap<>();
        if (tier != null) {
            for (Limit limit : tier.limits()) {
                limits.merge(limit.scope() + (limit.kind() == null ? "" : "." + limit.kind()),
                        limit.value().stripTrailingZeros().toPlainString(), (a, b) -> a + ", " + b);
            }
        }
        return limits;
    }

    private static String verdict(TransactionResult result) {
        return result.outcome() == Outcome.ALLOW ? "ALLOW" : "DENY " + result.reasons().stream()
                .map(DenyReason::code).distinct().sorted().map(Enum::name).collect(Collectors.joining(" "));
    }

    private static String fee(FeeQuote fee) {
        if (fee == null) {
            return "no fee";
        }
        return new alipaykb.scenario.Expectation.ExpectedFee(fee.min(), fee.max()).shown();
    }

    private static String advice(Decision decision) {
        return decision.advice().stream().map(Advice::code).map(Enum::name)
                .collect(Collectors.toCollection(TreeSet::new)).toString();
    }

}
