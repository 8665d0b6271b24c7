package alipaykb.engine;

import alipaykb.decisions.FeatureLimit;
import alipaykb.decisions.FeeRate;
import alipaykb.decisions.FeeRounding;
import alipaykb.decisions.FundingCode;
import alipaykb.decisions.FundingOptionSpec;
import alipaykb.decisions.Limit;
import alipaykb.decisions.LimitScope;
import alipaykb.decisions.OptionRanking;
import alipaykb.decisions.TierCode;
import alipaykb.decisions.TierLimit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.PatternDescr;

/**
 * Checks a knowledge base beyond compiling it: duplicate rule names, rules without a source, funding
 * codes missing from the order list, tiers without limits, and salience where nothing needs ordering.
 */
public final class RuleLint {
    /** The policy sources a rule may cite. */
    public static final Set<String> SOURCES = Set.of("seed", "pboc-2024");
    private static final Pattern CHANGES_FACTS = Pattern.compile("\\b(delete|retract|modify|update)\\s*\\(");
    private static final Set<LimitScope> TIER_SCOPES = EnumSet.of(LimitScope.DAILY, LimitScope.MONTHLY, LimitScope.ANNUAL);

    private RuleLint() {
    }

    /** Every finding for the rule files, read from the catalog and, when it compiled, the knowledge base. */
    public static List<Finding> check(RuleCatalog catalog, KnowledgeBase knowledgeBase) {
        List<Finding> findings = new ArrayList<>();
        for (RuleInfo rule : catalog.rules()) {
            if (rule.source() == null || rule.source().isBlank()) {
                findings.add(new Finding(Finding.Severity.ERROR, rule.file(), rule.line(), 1, "rule \"" + rule.name()
                        + "\" cites no source. Hint: add @source(\"seed\") or @source(\"pboc-2024\") under its name."));
            } else if (!SOURCES.contains(rule.source())) {
                findings.add(new Finding(Finding.Severity.WARNING, rule.file(), rule.line(), 1, "rule \"" + rule.name()
                        + "\" cites the unknown source \"" + rule.source() + "\". Hint: the sources are "
                        + String.join(" and ", SOURCES.stream().sorted().toList()) + "."));
            }
            if (rule.salience() != null && !needsOrdering(rule)) {
                findings.add(new Finding(Finding.Severity.WARNING, rule.file(), rule.line(), 1, "rule \"" + rule.name()
                        + "\" has salience " + rule.salience() + " but nothing in it needs ordering: it neither waits for"
                        + " other rules (not, exists, collect, accumulate) nor changes facts (delete, modify). Hint: remove"
                        + " the salience, or say in a comment why the order is a business fact."));
            }
        }
        if (knowledgeBase != null) {
            try {
                fundingOrder(catalog, knowledgeBase, findings);
                tierLimits(catalog, knowledgeBase, findings);
            } catch (EvaluationException e) {
                // The reference and classify rules failed while check ran them: a finding where the rule is, or in
                // a table, at the row that failed.
                RuleInfo rule = e.rule() == null ? null : catalog.rule(e.rule()).orElse(null);
                int[] at = rule == null ? new int[] {0, 0} : rowOf(catalog, rule, e.statement());
                findings.add(new Finding(Finding.Severity.ERROR, rule == null ? null : rule.file(), at[0], at[1],
                        "the rules fail when they set up the reference tables and classifications: " + e.getMessage()
                        + (rule == null || at[0] == rule.line() ? "" : ", in the row at line " + at[0])
                        + ". Hint: every decision would fail the same way; a value in a table is a plain number (1234,"
                        + " 5.67), a date is Period.from(2030, 1, 31), and both must be values the policy can have."));
            }
        }
        findings.sort(Comparator.comparing(Finding::file, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparingInt(Finding::line));
        return findings;
    }

    private static final Pattern INSERT = Pattern.compile("\\binsert(?:Logical)?\\s*\\(");

    /**
     * Where a rule's actions failed: in a rule without conditions (a table), the insert after the ones that
     * succeeded, as line and column; else the rule's first line.
     */
    private static int[] rowOf(RuleCatalog catalog, RuleInfo rule, int inserted) {
        String text = catalog.text(rule.file());
        if (inserted < 0 || text == null || !rule.descr().getLhs().getDescrs().isEmpty()) {
            return new int[] {rule.line(), 1};
        }
        String[] lines = text.split("\n", -1);
        int seen = 0;
        boolean inActions = false;
        for (int i = rule.line() - 1; i < lines.length; i++) {
            String code = lines[i].contains("//") ? lines[i].substring(0, lines[i].indexOf("//")) : lines[i];
            if (!inActions) {
                inActions = code.strip().equals("then");
                continue;
            }
            if (code.strip().equals("end")) {
                break;
            }
            java.util.regex.Matcher insert = INSERT.matcher(code);
            while (insert.find()) {
                if (seen++ == inserted) {
                    return new int[] {i + 1, insert.start() + 1};
                }
            }
        }
        return new int[] {rule.line(), 1};
    }

    /** Salience is needed when the rule waits for others to finish, or changes facts others match. */
    private static boolean needsOrdering(RuleInfo rule) {
        Object consequence = rule.descr().getConsequence();
        return waits(rule.descr().getLhs()) || (consequence != null && CHANGES_FACTS.matcher(consequence.toString()).find());
    }

    private static boolean waits(BaseDescr descr) {
        if (descr instanceof NotDescr || descr instanceof ExistsDescr || descr instanceof AccumulateDescr
                || descr instanceof CollectDescr) {
            return true;
        }
        if (descr instanceof PatternDescr pattern) {
            return pattern.getSource() != null && waits(pattern.getSource());
        }
        if (descr instanceof ConditionalElementDescr element) {
            return element.getDescrs().stream().anyMatch(child -> waits((BaseDescr) child));
        }
        return false;
    }

    private static void fundingOrder(RuleCatalog catalog, KnowledgeBase knowledgeBase, List<Finding> findings) {
        List<Object> reference = knowledgeBase.probeClassification(List.of());
        List<FundingOptionSpec> specs = reference.stream()
                .filter(FundingOptionSpec.class::isInstance).map(FundingOptionSpec.class::cast).toList();
        List<OptionRanking> rankings = reference.stream()
                .filter(OptionRanking.class::isInstance).map(OptionRanking.class::cast).toList();
        tables(catalog, reference, findings);
        if (rankings.size() != 1) {
            RuleInfo second = rankings.isEmpty() ? null : catalog.rule(rankings.get(1).because().rule()).orElse(null);
            findings.add(new Finding(Finding.Severity.ERROR, second == null ? null : second.file(),
                    second == null ? 0 : second.line(), second == null ? 0 : 1, (rankings.isEmpty()
                    ? "no rule says how funding options are ranked, so no decision with an option can be made"
                    : rankings.size() + " rules say how funding options are ranked: "
                    + String.join(", ", rankings.stream().map(r -> "\"" + r.because().rule() + "\"").toList()))
                    + ". Hint: one reference rule inserts new OptionRanking(List.of(RankBy....), Provenance.of(drools))."));
        }
        Set<FundingCode> listed = EnumSet.noneOf(FundingCode.class);
        specs.forEach(spec -> listed.add(spec.code()));
        RuleInfo orderRule = catalog.rules().stream()
                .filter(rule -> rule.actions().contains("FundingOptionSpec"))
                .findFirst().orElse(null);
        for (FundingCode code : FundingCode.values()) {
            if (!listed.contains(code)) {
                RuleInfo offering = catalog.rules().stream()
                        .filter(rule -> rule.actions().contains("FundingCode." + code.name())
                                && rule.actions().contains("FundingOffer"))
                        .findFirst().orElse(orderRule);
                findings.add(new Finding(Finding.Severity.ERROR, offering == null ? null : offering.file(),
                        offering == null ? 0 : offering.line(), 1, "the funding option " + code
                        + " is missing from the order list" + (orderRule == null ? "" : " (rule \"" + orderRule.name()
                        + "\", " + orderRule.where() + ")") + ", so it is never offered. Hint: add it with its position"
                        + " and steps."));
            }
        }
    }

    /**
     * The tables' rows: two rows for the same key (the second would be silently ignored or doubled), a row
     * citing an unknown source, and the one fee rounding the fee rules need.
     */
    private static void tables(RuleCatalog catalog, List<Object> reference, List<Finding> findings) {
        java.util.Map<String, Object> keys = new java.util.HashMap<>();
        int roundings = 0;
        for (Object fact : reference) {
            String key = null;
            String source = null;
            String table = null;
            if (fact instanceof TierLimit row) {
                key = "the tier " + row.tier() + ", " + row.scope() + ", " + (row.kind() == null ? "all kinds" : row.kind());
                source = row.source();
                table = "TierLimit.row";
            } else if (fact instanceof FeatureLimit row) {
                key = "the feature " + row.feature() + ", " + row.scope() + ", " + row.kind();
                source = row.source();
                table = "FeatureLimit.row";
            } else if (fact instanceof FeeRate row) {
                key = "the fee " + row.code();
                source = row.source();
                table = "FeeRate.row";
            } else if (fact instanceof FeeRounding) {
                roundings++;
            }
            if (table == null) {
                continue;
            }
            RuleInfo rule = ruleWriting(catalog, table);
            if (keys.putIfAbsent(key, fact) != null) {
                findings.add(new Finding(Finding.Severity.ERROR, rule == null ? null : rule.file(),
                        rule == null ? 0 : rule.line(), rule == null ? 0 : 1, "two rows of a table are for " + key
                        + (rule == null ? "" : " (rule \"" + rule.name() + "\")") + ", so one of them is ignored."
                        + " Hint: keep one row per key, with the value in force."));
            }
            if (!SOURCES.contains(source)) {
                findings.add(new Finding(Finding.Severity.WARNING, rule == null ? null : rule.file(),
                        rule == null ? 0 : rule.line(), rule == null ? 0 : 1, "the row for " + key + " cites the unknown"
                        + " source \"" + source + "\". Hint: the sources are "
                        + String.join(" and ", SOURCES.stream().sorted().toList()) + "."));
            }
        }
        if (roundings != 1) {
            RuleInfo rule = ruleWriting(catalog, "FeeRate.row");
            findings.add(new Finding(Finding.Severity.ERROR, rule == null ? null : rule.file(),
                    rule == null ? 0 : rule.line(), rule == null ? 0 : 1, (roundings == 0
                    ? "no rule says how fees are rounded, so no fee can be quoted"
                    : roundings + " rules say how fees are rounded") + ". Hint: one reference rule inserts"
                    + " new FeeRounding(decimals, RoundingMode.HALF_UP), with the policy's decimals."));
        }
    }

    private static RuleInfo ruleWriting(RuleCatalog catalog, String call) {
        return catalog.rules().stream().filter(rule -> rule.actions().contains(call))
                .findFirst().orElse(null);
    }

    private static void tierLimits(RuleCatalog catalog, KnowledgeBase knowledgeBase, List<Finding> findings) {
        RuleInfo tierRule = catalog.rules().stream()
                .filter(rule -> rule.actions().contains("TierAssignment"))
                .findFirst().orElse(null);
        for (TierCode tier : TierCode.values()) {
            List<Object> facts = knowledgeBase.probeClassification(List.of(ClassificationProbe.tierAssignment(tier)));
            boolean limited = facts.stream().anyMatch(fact -> fact instanceof Limit limit && TIER_SCOPES.contains(limit.scope()));
            if (!limited) {
                RuleInfo assigning = catalog.rules().stream()
                        .filter(rule -> rule.actions().contains("TierCode." + tier.name()))
                        .findFirst().orElse(tierRule);
                findings.add(new Finding(Finding.Severity.ERROR, assigning == null ? null : assigning.file(),
                        assigning == null ? 0 : assigning.line(), 1, "the tier " + tier + " has no daily, monthly or "
                        + "annual limit. Hint: add a rule that inserts a Limit when TierAssignment( code == TierCode."
                        + tier + " )."));
            }
        }
    }
}
