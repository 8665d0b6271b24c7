package alipaykb.scenario;

import alipaykb.decisions.Advice;
import alipaykb.decisions.AdviceCode;
import alipaykb.decisions.Decision;
import alipaykb.decisions.DenyReason;
import alipaykb.decisions.FiredRule;
import alipaykb.decisions.FundingOption;
import alipaykb.decisions.Outcome;
import alipaykb.decisions.ReasonCode;
import alipaykb.decisions.TransactionResult;
import alipaykb.scenario.Expectation.ExpectedFee;
import alipaykb.scenario.Expectation.ExpectedOption;
import alipaykb.scenario.Expectation.ExpectedVerdict;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Compares a decision with what a scenario expects: each difference in words, expected against actual. */
public final class ExpectationCheck {
    private ExpectationCheck() {
    }

    /**
     * The differences between the decision and the expectation; empty when every expectation holds.
     *
     * @param ruleNames the names of every rule of the knowledge base, to tell a misspelt rule from one that did not fire
     */
    public static List<String> differences(Expectation expect, Decision decision, Set<String> ruleNames) {
        List<String> out = new ArrayList<>();
        List<FundingOption> options = decision.fundingOptions();
        if (expect.funding() != null) {
            List<String> actual = options.stream().map(o -> o.code() + ":" + o.likelihood()).toList();
            boolean same = actual.size() == expect.funding().size();
            for (int i = 0; same && i < actual.size(); i++) {
                ExpectedOption wanted = expect.funding().get(i);
                FundingOption got = options.get(i);
                same = got.code() == wanted.code() && (wanted.likelihood() == null || wanted.likelihood() == got.likelihood());
            }
            if (!same) {
                out.add("funding: expected " + expect.funding() + ", got " + actual);
            }
        }
        List<String> offered = options.stream().map(o -> o.code() + ":" + o.likelihood()).toList();
        if (expect.fundingIncludes() != null) {
            for (ExpectedOption wanted : expect.fundingIncludes()) {
                if (options.stream().noneMatch(o -> wanted.matches(o.code(), o.likelihood()))) {
                    out.add("fundingIncludes: expected " + wanted + " to be offered, got " + offered);
                }
            }
        }
        if (expect.fundingExcludes() != null) {
            for (ExpectedOption unwanted : expect.fundingExcludes()) {
                options.stream().filter(o -> unwanted.matches(o.code(), o.likelihood())).findFirst().ifPresent(o ->
                        out.add("fundingExcludes: expected " + unwanted + " not to be offered, but it is (rule \""
                                + o.because().get(0).rule() + "\")"));
            }
        }
        if (expect.tier() != null) {
            Object actual = decision.tier() == null ? "no tier" : decision.tier().code();
            if (decision.tier() == null || decision.tier().code() != expect.tier()) {
                out.add("tier: expected " + expect.tier() + ", got " + actual);
            }
        }
        if (expect.verdicts() != null) {
            for (Map.Entry<String, ExpectedVerdict> entry : expect.verdicts().entrySet()) {
                TransactionResult result = decision.transaction(entry.getKey()).orElseThrow();
                ExpectedVerdict wanted = entry.getValue();
                Set<ReasonCode> reasons = result.reasons().stream().map(DenyReason::code)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(ReasonCode.class)));
                boolean same = result.outcome() == wanted.outcome()
                        && (wanted.reasons() == null || wanted.reasons().equals(reasons));
                if (!same) {
                    out.add("verdicts." + entry.getKey() + ": expected " + wanted + ", got " + verdict(result));
                }
            }
        }
        if (expect.fees() != null) {
            for (Map.Entry<String, ExpectedFee> entry : expect.fees().entrySet()) {
                TransactionResult result = decision.transaction(entry.getKey()).orElseThrow();
                ExpectedFee wanted = entry.getValue();
                if (result.fee() == null) {
                    out.add("fees." + entry.getKey() + ": expected " + wanted.shown() + ", got no fee quote (the transaction is "
                            + verdict(result) + ")");
                } else if (result.fee().min().compareTo(wanted.min()) != 0 || result.fee().max().compareTo(wanted.max()) != 0) {
                    out.add("fees." + entry.getKey() + ": expected " + wanted.shown() + ", got "
                            + new ExpectedFee(result.fee().min(), result.fee().max()).shown() + " (items: "
                            + result.fee().items().stream().map(i -> i.code().name()).collect(Collectors.joining(", ")) + ")");
                }
            }
        }
        if (expect.advice() != null) {
            Set<AdviceCode> actual = decision.advice().stream().map(Advice::code)
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(AdviceCode.class)));
            if (!actual.equals(expect.advice())) {
                out.add("advice: expected " + new TreeSet<>(expect.advice()) + ", got " + actual);
            }
        }
        Set<String> fired = decision.firedRules().stream().map(FiredRule::name).collect(Collectors.toSet());
        if (expect.fired() != null) {
            for (String rule : expect.fired()) {
                if (!ruleNames.contains(rule)) {
                    out.add("fired: no rule is named \"" + rule + "\"");
                } else if (!fired.contains(rule)) {
                    out.add("fired: expected rule \"" + rule + "\" to fire, but it did not");
                }
            }
        }
        if (expect.notFired() != null) {
            for (String rule : expect.notFired()) {
                if (!ruleNames.contains(rule)) {
                    out.add("notFired: no rule is named \"" + rule + "\"");
                } else if (fired.contains(rule)) {
                    out.add("notFired: expected rule \"" + rule + "\" not to fire, but it did");
                }
            }
        }
        return out;
    }

    private static String verdict(TransactionResult result) {
        if (result.outcome() == Outcome.ALLOW) {
            return "ALLOW";
        }
        return "DENY " + result.reasons().stream().map(DenyReason::code).distinct().sorted()
                .map(Enum::name).collect(Collectors.joining(" "));
    }
}
