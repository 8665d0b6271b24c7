package alipaykb.engine;

import alipaykb.decisions.Advice;
import alipaykb.decisions.Decision;
import alipaykb.decisions.FeeQuote;
import alipaykb.decisions.FiredRule;
import alipaykb.decisions.FundingOption;
import alipaykb.decisions.Limit;
import alipaykb.decisions.OptionRanking;
import alipaykb.decisions.Tier;
import alipaykb.decisions.TierAssignment;
import alipaykb.decisions.TierNote;
import alipaykb.decisions.TransactionResult;
import alipaykb.decisions.Verdict;
import alipaykb.facts.FxRate;
import alipaykb.facts.Payment;
import alipaykb.facts.Profile;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads the decision out of a session's facts once the rules came to rest. */
final class DecisionAssembly {
    private DecisionAssembly() {
    }

    /**
     * @param facts the session's facts of a type (instances of it and of its subtypes), read one type at a time:
     *              the session keeps its facts by type, so that only the types a decision is made of are read
     */
    static Decision assemble(Function<Class<?>, Collection<?>> facts, Profile profile, List<FiredRule> fired,
                             String version) {
        List<FundingOption> options = all(facts, FundingOption.class);
        List<TierAssignment> tiers = all(facts, TierAssignment.class);
        List<Limit> limits = all(facts, Limit.class);
        List<TierNote> notes = all(facts, TierNote.class);
        Map<String, Verdict> verdicts = new HashMap<>();
        all(facts, Verdict.class).forEach(verdict -> verdicts.put(verdict.transaction(), verdict));
        Map<String, FeeQuote> fees = new HashMap<>();
        all(facts, FeeQuote.class).forEach(quote -> fees.put(quote.transaction(), quote));
        List<Advice> advice = all(facts, Advice.class);
        List<OptionRanking> rankings = all(facts, OptionRanking.class);
        Map<String, BigDecimal> fx = new TreeMap<>();
        all(facts, FxRate.class).forEach(rate -> fx.put(rate.currency(), rate.cnyPerUnit()));
        if (tiers.size() > 1) {
            throw new EvaluationException("the rules placed the user on " + tiers.size() + " tiers: "
                    + tiers.stream().map(t -> t.code() + " (rule \"" + t.because().rule() + "\")")
                    .collect(Collectors.joining(", ")) + "; exactly one must apply", tiers.get(0).because().rule(), null);
        }
        if (!options.isEmpty()) {
            if (rankings.size() != 1) {
                throw new EvaluationException("the rules gave " + rankings.size() + " rankings of the funding options"
                        + rankings.stream().map(r -> " (rule \"" + r.because().rule() + "\")").collect(Collectors.joining(","))
                        + "; exactly one must say how options are ranked", null, null);
            }
            options.sort(rankings.get(0).order());
        }
        limits.sort(Comparator.comparing(Limit::scope)
                .thenComparing(Limit::kind, Comparator.nullsFirst(Comparator.naturalOrder())));
        notes.sort(Comparator.comparing(TierNote::text));
        advice.sort(Comparator.comparing(Advice::code).thenComparing(a -> a.because().rule()));
        Tier tier = tiers.isEmpty() ? null
                : new Tier(tiers.get(0).code(), tiers.get(0).features(), limits, notes, tiers.get(0).because());

        List<TransactionResult> results = new ArrayList<>();
        for (Payment payment : profile.transactions()) {
            Verdict verdict = verdicts.get(payment.id());
            if (verdict == null) {
                throw new EvaluationException("no rule gave transaction '" + payment.id()
                        + "' a verdict: every transaction needs one", null, null);
            }
            results.add(new TransactionResult(payment.id(), payment.kind(), payment.amount(), payment.via(),
                    verdict.outcome(), verdict.reasons(), fees.get(payment.id()), verdict.because()));
        }
        return new Decision(version, profile.asOf(), fx, options, tier, results, advice, fired);
    }
    /** The facts of one type, in a list of their own. */
    private static <T> List<T> all(Function<Class<?>, Collection<?>> facts, Class<T> type) {
        List<T> all = new ArrayList<>();
        for (Object fact : facts.apply(type)) {
            all.add(type.cast(fact));
        }
        return all;
    }
}
