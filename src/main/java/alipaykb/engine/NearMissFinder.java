package alipaykb.engine;

import alipaykb.facts.Profile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.kie.api.runtime.rule.Match;

/**
 * Finds why a rule did not fire. It compiles, beside the rules, probe rules made of the rule's first
 * conditions (and of each condition's first constraints) and sees which probes fire for the profile:
 * the deepest probe that fires shows how far the rule got, and its matches are the nearest misses.
 */
final class NearMissFinder {
    private static final String PROBE_FILE = "zz-near-miss-probes.drl";
    private static final String PROBE_PREFIX = "near-miss probe ";
    private static final Pattern BINDING_ONLY = Pattern.compile("^\\$\\w+\\s*:\\s*[\\w.()]+$");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\w+");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;?");
    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s+[^;\\n]+;?");
    private static final int SHOWN = 5;

    /** One condition of the rule, split into the constraints a probe adds one by one. */
    private record Element(String text, String type, String identifier, List<String> bindings, List<String> tests,
                           boolean pattern, String inner) {
        int steps() {
            return pattern ? tests.size() : 1;
        }
    }

    private NearMissFinder() {
    }

    static NearMiss find(KnowledgeBase knowledgeBase, Profile profile, String ruleName) {
        RuleCatalog catalog = knowledgeBase.catalog();
        RuleInfo rule = catalog.rule(ruleName).orElseThrow(() -> new IllegalArgumentException(
                "no rule is named \"" + ruleName + "\"" + closest(catalog, ruleName)));
        Explanation explanation = knowledgeBase.explain(profile);
        List<Firing> own = explanation.firings().stream().filter(f -> f.rule().equals(rule.name())).toList();
        List<Element> elements = elements(rule, catalog.text(rule.file()));
        if (!own.isEmpty()) {
            List<NearMiss.Condition> conditions = new ArrayList<>();
            for (int k = 0; k < elements.size(); k++) {
                conditions.add(new NearMiss.Condition(k + 1, elements.get(k).text(), NearMiss.Status.HELD));
            }
            return new NearMiss(rule, true, own, conditions, null, "it fired " + own.size()
                    + (own.size() == 1 ? " time" : " times"));
        }

        RuleSet probed = withProbes(knowledgeBase.rules(), rule, elements, catalog.text(rule.file()));
        KnowledgeBase probing = KnowledgeBase.compile(probed).withMaxFirings(Integer.MAX_VALUE / 2);
        Map<String, List<Match>> matches = new HashMap<>();
        RuleBudget.withoutAllocationBound(() -> probing.explain(profile, match -> {
            String name = match.getRule().getName();
            if (name.startsWith(PROBE_PREFIX)) {
                matches.computeIfAbsent(name.substring(PROBE_PREFIX.length()), key -> new ArrayList<>()).add(match);
            }
        }));

        int deepestK = -1;
        int deepestJ = -1;
        for (int k = 0; k < elements.size(); k++) {
            for (int j = 0; j <= elements.get(k).steps(); j++) {
                if (matches.containsKey(k + " " + j)) {
                    deepestK = k;
                    deepestJ = j;
                }
            }
        }
        int last = elements.size() - 1;
        boolean allHeld = elements.isEmpty()
                || (deepestK == last && deepestJ == elements.get(last).steps());
        if (allHeld) {
            List<NearMiss.Condition> conditions = new ArrayList<>();
            for (int k = 0; k < elements.size(); k++) {
                conditions.add(new NearMiss.Condition(k + 1, elements.get(k).text(), NearMiss.Status.HELD));
            }
            return new NearMiss(rule, false, List.of(), conditions, null, "every condition held at some point, but the"
                    + " rule never fired: another rule changed the facts before its turn came"
                    + (rule.phase() == null ? "" : ", or its phase \"" + rule.phase() + "\" had already run"));
        }
        int failedK;
        int passedJ;
        if (deepestJ == elements.get(deepestK).steps()) {
            failedK = deepestK + 1;
            passedJ = -1;
        } else {
            failedK = deepestK;
            passedJ = deepestJ;
        }
        Element failed = elements.get(failedK);
        List<NearMiss.Condition> conditions = new ArrayList<>();
        for (int k = 0; k < elements.size(); k++) {
            NearMiss.Status status = k < failedK ? NearMiss.Status.HELD
                    : k == failedK ? NearMiss.Status.FAILED : NearMiss.Status.NOT_REACHED;
            conditions.add(new NearMiss.Condition(k + 1, elements.get(k).text(), status));
        }
        String constraint = null;
        List<Match> nearest = List.of();
        String note;
        if (failed.pattern() && passedJ >= 0) {
            constraint = failed.tests().get(passedJ);
            nearest = matches.getOrDefault(failedK + " " + passedJ, List.of());
            note = "condition " + (failedK + 1) + " found " + failed.type() + " facts, but none met "
                    + "'" + constraint + "'";
        } else if (failed.pattern()) {
            note = "condition " + (failedK + 1) + " found no " + failed.type() + " fact"
                    + (failedK == 0 ? "" : " that goes with the facts of the earlier conditions");
        } else if (failed.inner() != null) {
            nearest = matches.getOrDefault(failedK + " inner", List.of());
            note = "condition " + (failedK + 1) + " requires that no such fact exists, but some did";
        } else {
            nearest = failedK == 0 ? List.of() : matches.getOrDefault((failedK - 1) + " "
                    + elements.get(failedK - 1).steps(), List.of());
            note = "condition " + (failedK + 1) + " never held";
        }
        return new NearMiss(rule, false, List.of(), conditions,
                new NearMiss.Failure(failedK + 1, constraint, nearestFacts(nearest), bindings(nearest, constraint)), note);
    }

    private static List<String> nearestFacts(List<Match> matches) {
        Set<String> facts = new LinkedHashSet<>();
        for (Match match : matches) {
            List<? extends Object> objects = match.getObjects();
            if (!objects.isEmpty()) {
                facts.add(FactText.describe(objects.get(objects.size() - 1)));
            }
            if (facts.size() == SHOWN) {
                break;
            }
        }
        return List.copyOf(facts);
    }

    private static Map<String, String> bindings(List<Match> matches, String constraint) {
        Map<String, String> values = new LinkedHashMap<>();
        if (constraint == null || matches.isEmpty()) {
            return values;
        }
        Match match = matches.get(0);
        Matcher variable = VARIABLE.matcher(constraint);
        while (variable.find()) {
            String name = variable.group();
            if (match.getDeclarationIds().contains(name)) {
                values.put(name, FactText.describe(match.getDeclarationValue(name)));
            }
        }
        return values;
    }

    private static List<Element> elements(RuleInfo rule, String text) {
        List<Element> elements = new ArrayList<>();
        for (BaseDescr descr : rule.descr().getLhs().getDescrs()) {
            String slice = slice(text, descr);
            if (descr instanceof PatternDescr pattern && pattern.getSource() == null) {
                List<String> bindings = new ArrayList<>();
                List<String> tests = new ArrayList<>();
                for (BaseDescr child : pattern.getDescrs()) {
                    if (child instanceof ExprConstraintDescr constraint) {
                        String expression = constraint.getExpression().replaceAll("\\s+", " ").strip();
                        (BINDING_ONLY.matcher(expression).matches() ? bindings : tests).add(expression);
                    }
                }
                elements.add(new Element(slice, pattern.getObjectType(), pattern.getIdentifier(), bindings, tests, true, null));
            } else {
                String inner = descr instanceof NotDescr not && !not.getDescrs().isEmpty()
                        ? slice(text, not.getDescrs().get(0)) : null;
                elements.add(new Element(slice, null, null, List.of(), List.of(), false, inner));
            }
        }
        return elements;
    }

    private static String slice(String text, BaseDescr descr) {
        int start = descr.getStartCharacter();
        int end = descr.getEndCharacter();
        if (start < 0 || end <= start || end > text.length()) {
            return descr.getText() == null ? descr.toString() : descr.getText();
        }
        return text.substring(start, end).replaceAll("\\s+", " ").strip();
    }

    /** The text of a pattern with its bindings and its first {@code tests} constraints. */
    private static String partial(Element element, int tests) {
        List<String> constraints = new ArrayList<>(element.bindings());
        constraints.addAll(element.tests().subList(0, tests));
        return (element.identifier() == null ? "" : element.identifier() + " : ") + element.type() + "( "
                + String.join(", ", constraints) + " )";
    }

    private static RuleSet withProbes(RuleSet rules, RuleInfo rule, List<Element> elements, String fileText) {
        StringBuilder drl = new StringBuilder();
        Matcher pkg = PACKAGE.matcher(fileText);
        drl.append("package ").append(pkg.find() ? pkg.group(1) : "rules").append(";\n");
        Matcher imports = IMPORT.matcher(fileText);
        while (imports.find()) {
            String line = imports.group().strip();
            drl.append(line.endsWith(";") ? line : line + ";").append('\n');
        }
        String attributes = rule.phase() == null ? "" : "    ruleflow-group \"" + rule.phase() + "\"\n";
        for (int k = 0; k < elements.size(); k++) {
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < k; i++) {
                prefix.append("    ").append(elements.get(i).text()).append('\n');
            }
            Element element = elements.get(k);
            for (int j = 0; j <= element.steps(); j++) {
                String condition = element.pattern() ? partial(element, j) : j == 0 ? "" : element.text();
                probe(drl, k + " " + j, attributes, prefix + (condition.isEmpty() ? "" : "    " + condition + "\n"));
            }
            if (element.inner() != null) {
                probe(drl, k + " inner", attributes, prefix + "    " + element.inner() + "\n");
            }
        }
        List<RuleFile> files = new ArrayList<>(rules.files());
        files.add(new RuleFile(PROBE_FILE, PROBE_FILE, drl.toString()));
        return RuleSet.of(rules.origin(), files);
    }

    private static void probe(StringBuilder drl, String id, String attributes, String conditions) {
        drl.append("rule \"").append(PROBE_PREFIX).append(id).append("\"\n").append(attributes)
                .append("when\n").append(conditions).append("then\nend\n\n");
    }

    private static String closest(RuleCatalog catalog, String name) {
        return catalog.rules().stream().map(RuleInfo::name)
                .min(Comparator.comparingInt(candidate -> commonWords(candidate, name) * -1))
                .filter(candidate -> commonWords(candidate, name) > 1)
                .map(candidate -> "; did you mean \"" + candidate + "\"?")
                .orElse("");
    }

    private static int commonWords(String a, String b) {
        Set<String> words = new LinkedHashSet<>(List.of(a.toLowerCase().split("\\W+")));
        words.retainAll(List.of(b.toLowerCase().split("\\W+")));
        return words.size();
    }
}
