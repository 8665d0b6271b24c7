package alipaykb.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;

/**
 * What a rule file may declare, judged on what Drools' parser read from it, before anything is
 * compiled: imports of listed classes only; rules and functions; rule attributes and metadata whose
 * values are plain literals. Queries, globals, declared types, imported functions and accumulate
 * functions, the MVEL dialect and clock-driven attributes are refused: either nothing in a decision
 * uses them, or they would run code that the bytecode check cannot see, while the rules compile.
 */
final class RuleStructure {
    /** Rule attributes a rule may carry, with the form of their value. */
    private static final Map<String, Pattern> ATTRIBUTES = Map.of(
            "salience", Pattern.compile("-?\\d{1,9}"),
            "ruleflow-group", Pattern.compile("[^\"\\\\]{1,200}"),
            "agenda-group", Pattern.compile("[^\"\\\\]{1,200}"),
            "activation-group", Pattern.compile("[^\"\\\\]{1,200}"),
            "no-loop", Pattern.compile("true|false|"),
            "lock-on-active", Pattern.compile("true|false|"),
            "auto-focus", Pattern.compile("true|false|"),
            "dialect", Pattern.compile("java"));
    /** A metadata value: a quoted text, a number, true or false, or one plain word. */
    private static final Pattern LITERAL = Pattern.compile(
            "\"(?:[^\"\\\\]|\\\\[\"\\\\nt])*\"|-?\\d{1,18}(?:\\.\\d{1,18})?|true|false|[A-Za-z][A-Za-z0-9_-]{0,63}");
    /** A rule's name: printable, with no quote or backslash (the compiler writes it into Java as text). */
    private static final Pattern NAME = Pattern.compile("[^\"\\\\\\p{Cntrl}\\p{Zl}\\p{Zp}]{1,200}");
    /** How many alternatives the 'or's of one rule may make: Drools builds each as a rule of its own. */
    static final int MAX_ALTERNATIVES = 64;
    /** How many operator characters one rule or function may hold: thirty times what the longest shipped rule has. */
    static final int MAX_OPERATORS = 2_000;
    /** How deep conditions (not, exists, or, from ...) and brackets may nest. */
    static final int MAX_NESTING = 40;
    /**
     * How deep brackets may nest inside one condition's expression: the time the executable model's expression
     * parser takes doubles or triples with each level beyond a few (a condition took some 15 ms at 6 levels, 70 ms at
     * 8 and 45 s at 14), so deeper ones are refused before it runs.
     */
    static final int MAX_CONDITION_BRACKETS = 6;
    private static final Set<String> PACKAGE_ROOTS_OF_THE_PLATFORM = Set.of(
            "java", "javax", "jdk", "sun", "com", "org", "net", "alipaykb", "kotlin", "scala", "groovy", "io");

    /**
     * What the checks of one file found, for the files judged last: each file is judged on its own text alone
     * (what files claim together is judged below, every time), so an edit judges again only the file edited.
     */
    private static final RecentFiles<List<RuleProblem>> JUDGED = new RecentFiles<>(32);

    private RuleStructure() {
    }

    /** Everything a rule set's files declare that rule files may not, with file and line. */
    static List<RuleProblem> check(RuleCatalog catalog, AllowList allowList) {
        List<RuleProblem> problems = new ArrayList<>();
        catalog.packages().forEach((file, descr) -> {
            RuleFile key = new RuleFile(file, "", catalog.text(file));
            List<RuleProblem> known = allowList == AllowList.standard() ? JUDGED.get(key) : null;
            if (known == null) {
                List<RuleProblem> found = new ArrayList<>();
                check(file, catalog.text(file), descr, allowList, found);
                // Comparisons are read again only in a file of bounded size and nesting.
                if (found.isEmpty()) {
                    LiteralTypes.check(file, catalog.text(file), descr, found);
                }
                known = List.copyOf(found);
                if (allowList == AllowList.standard()) {
                    JUDGED.put(key, known);
                }
            }
            problems.addAll(known);
        });
        // Each file compiles on its own, so what two files would both claim is found here: a rule's name
        // (the knowledge base would keep one rule, and credit the other's file), or a function's.
        Map<String, List<RuleInfo>> byName = new java.util.LinkedHashMap<>();
        catalog.rules().forEach(rule -> byName.computeIfAbsent(rule.name(), name -> new ArrayList<>()).add(rule));
        byName.forEach((ruleName, same) -> {
            if (same.size() > 1) {
                // One finding per name, at its first place in file order, naming every place.
                String places = String.join(", ", same.stream().map(RuleInfo::where).toList());
                RuleInfo first = same.get(0);
                problems.add(new RuleProblem(first.file(), first.line(), 1, "rule \"" + ruleName + "\" is defined "
                        + (same.size() == 2 ? "twice" : same.size() + " times") + " (at " + places
                        + "). Hint: every rule needs its own name, a business sentence."));
            }
        });
        Map<String, String> firstFunction = new java.util.HashMap<>();
        catalog.packages().forEach((file, descr) -> descr.getFunctions().forEach(function -> {
            String earlier = firstFunction.putIfAbsent(function.getName(), file);
            if (earlier != null) {
                problems.add(new RuleProblem(file, Math.max(function.getLine(), 1), 1, "function " + function.getName()
                        + " is declared twice (also in " + earlier + "). Hint: give each function its own name."));
            }
        }));
        return problems;
    }

    private static void check(String file, String catalogText, PackageDescr descr, AllowList allowList,
                              List<RuleProblem> problems) {
        String pkg = descr.getNamespace() == null ? "" : descr.getNamespace();
        String root = pkg.contains(".") ? pkg.substring(0, pkg.indexOf('.')) : pkg;
        if (PACKAGE_ROOTS_OF_THE_PLATFORM.contains(root)) {
            problems.add(new RuleProblem(file, 1, 1, "the file's package '" + pkg + "' belongs to Java or a library."
                    + " Hint: write package rules; at the top of the file."));
        }
        for (ImportDescr target : descr.getImports()) {
            String name = target.getTarget();
            if (name.endsWith(".*")) {
                if (!allowList.namesSomethingIn(name.substring(0, name.length() - 2))) {
                    problems.add(refused(file, target.getLine(), null, "imports " + name));
                }
            } else if (!allowList.names(name)) {
                problems.add(refused(file, target.getLine(), null, "imports " + name));
            }
        }
        descr.getFunctionImports().forEach(f -> problems.add(refused(file, f.getLine(), null,
                "imports the function " + f.getTarget())));
        descr.getAccumulateImports().forEach(a -> problems.add(refused(file, a.getLine(), null,
                "imports the accumulate function " + a.getTarget())));
        descr.getGlobals().forEach(g -> problems.add(new RuleProblem(file, g.getLine(), 1, "declares the global "
                + g.getIdentifier() + ", which rule files may not do: nothing sets globals. Hint: match facts instead.")));
        descr.getTypeDeclarations().forEach(t -> problems.add(new RuleProblem(file, t.getLine(), 1, "declares the type "
                + t.getTypeName() + ", which rule files may not do: fact and decision types are the project's."
                + " Hint: ask for the type to be added to alipaykb.facts or alipaykb.decisions.")));
        descr.getEnumDeclarations().forEach(t -> problems.add(new RuleProblem(file, t.getLine(), 1, "declares the enum "
                + t.getTypeName() + ", which rule files may not do. Hint: codes are the project's enums.")));
        descr.getWindowDeclarations().forEach(w -> problems.add(new RuleProblem(file, w.getLine(), 1,
                "declares a window, which rule files may not do: decisions do not use time windows.")));
        descr.getEntryPointDeclarations().forEach(e -> problems.add(new RuleProblem(file, e.getLine(), 1,
                "declares an entry point, which rule files may not do.")));
        for (AttributeDescr attribute : descr.getAttributes()) {
            attribute(file, null, attribute, problems);
        }
        for (FunctionDescr function : descr.getFunctions()) {
            if (function.getDialect() != null && !function.getDialect().equals("java")) {
                problems.add(new RuleProblem(file, function.getLine(), 1, "function " + function.getName()
                        + " is written in the " + function.getDialect() + " dialect. Hint: write it in Java."));
            }
            int before = problems.size();
            nesting(file, function.getLine(), "function " + function.getName(), function.getBody(), problems);
            if (problems.size() == before && function.getBody() != null) {
                int braceAt = bodyStart(catalogText, function);
                Object[] error = DroolsInternals.functionSyntaxError(braceAt < 0 ? function.getBody()
                        : catalogText.substring(braceAt, function.getEndCharacter()));
                if (error != null) {
                    String found = (String) error[2];
                    int[] at = braceAt < 0 ? new int[] {Math.max(function.getLine() + (Integer) error[0] - 1, 1),
                            Math.max((Integer) error[1], 1)} : inFile(catalogText, braceAt, (Integer) error[0] - 1,
                            (Integer) error[1]);
                    problems.add(new RuleProblem(file, at[0], at[1],
                            "in function " + function.getName() + ": syntax error"
                                    + (found.isEmpty() ? "" : ": '" + shorten(found) + "' cannot come there")
                                    + ". Hint: a function is Java: check the semicolons and brackets just before it."));
                }
            }
        }
        for (RuleDescr rule : descr.getRules()) {
            rule(file, catalogText, rule, problems);
        }
    }

    private static void rule(String file, String fileText, RuleDescr rule, List<RuleProblem> problems) {
        String name = "rule \"" + rule.getName() + "\"";
        if (!NAME.matcher(rule.getName()).matches()) {
            problems.add(new RuleProblem(file, rule.getLine(), 1, "the rule name \"" + shorten(rule.getName())
                    + "\" holds a quote, a backslash or a control character, which names may not."
                    + " Hint: a rule's name is a business sentence, of at most 200 characters."));
            return;
        }
        if (rule.getStartCharacter() >= 0 && rule.getEndCharacter() > rule.getStartCharacter()
                && rule.getEndCharacter() <= fileText.length()) {
            nesting(file, rule.getLine(), name, fileText.substring(rule.getStartCharacter(), rule.getEndCharacter()),
                    problems);
        }
        if (rule.getLhs() != null && alternatives(rule.getLhs()) > MAX_ALTERNATIVES) {
            problems.add(new RuleProblem(file, rule.getLine(), 1, "in " + name + ": its conditions combine 'or's into"
                    + " more than " + MAX_ALTERNATIVES + " alternatives, each of which Drools builds as a rule of its own."
                    + " Hint: split the rule, or compare with || inside one pattern."));
        }
        if (rule.getLhs() != null && inlineAccumulate(rule.getLhs())) {
            problems.add(new RuleProblem(file, rule.getLine(), 1, "in " + name + ": an accumulate writes its own"
                    + " init, action and result code, which rule files may not do. Hint: use the accumulate functions"
                    + " sum, count, min, max, average, collectList and collectSet."));
        }
        if (rule.getLhs() != null && usesEntryPoint(rule.getLhs())) {
            problems.add(new RuleProblem(file, rule.getLine(), 1, "in " + name + ": a condition reads an entry point,"
                    + " which rule files may not do: every fact of a decision is in the one session."
                    + " Hint: remove from entry-point."));
        }
        if (rule.isQuery()) {
            problems.add(new RuleProblem(file, rule.getLine(), 1, "query \"" + rule.getName() + "\": rule files may not"
                    + " declare queries: nothing asks them, and a query may call itself without end."
                    + " Hint: write a rule that inserts what you want to find."));
            return;
        }
        rule.getAttributes().values().forEach(attribute -> attribute(file, name, attribute, problems));
        for (AnnotationDescr annotation : rule.getAnnotations()) {
            for (Map.Entry<String, Object> value : annotation.getValueMap().entrySet()) {
                String text = value.getValue() == null ? "" : value.getValue().toString().strip();
                if (!LITERAL.matcher(text).matches()) {
                    problems.add(new RuleProblem(file, annotation.getLine() > 0 ? annotation.getLine() : rule.getLine(), 1,
                            "in " + name + ": the metadata @" + annotation.getName() + " holds '" + shorten(text)
                                    + "', which is not a plain value: metadata may not compute anything."
                                    + " Hint: write a quoted text, such as @source(\"seed\")."));
                }
            }
        }
        if (rule.getLhs() != null && depth(rule.getLhs()) > MAX_NESTING) {
            problems.add(new RuleProblem(file, rule.getLine(), 1, "in " + name + ": its conditions nest more than "
                    + MAX_NESTING + " levels deep. Hint: split the rule."));
        }
        BaseDescr deepest = rule.getLhs() == null ? null : deepestBrackets(rule.getLhs());
        if (deepest != null && brackets(expression(deepest)) > MAX_CONDITION_BRACKETS) {
            problems.add(new RuleProblem(file, deepest.getLine() > 0 ? deepest.getLine() : rule.getLine(),
                    deepest.getLine() > 0 && deepest.getColumn() > 0 ? deepest.getColumn() : 1, "in " + name
                    + ": brackets nest " + brackets(expression(deepest)) + " levels deep in the condition '"
                    + shorten(expression(deepest)) + "', more than the " + MAX_CONDITION_BRACKETS + " allowed in one"
                    + " condition. Hint: leave out brackets that group nothing, or split the condition in two."));
        }
        if (rule.getConsequence() instanceof String actions) {
            nesting(file, rule.getConsequenceLine(), name, actions, problems);
        }
        rule.getNamedConsequences().values().forEach(actions -> {
            if (actions instanceof String text) {
                nesting(file, rule.getConsequenceLine(), name, text, problems);
            }
        });
    }

    private static void attribute(String file, String rule, AttributeDescr attribute, List<RuleProblem> problems) {
        String where = rule == null ? "the file" : rule;
        Pattern form = ATTRIBUTES.get(attribute.getName());
        String value = attribute.getValue() == null ? "" : attribute.getValue().strip();
        int line = attribute.getLine() > 0 ? attribute.getLine() : 1;
        if (form == null) {
            problems.add(new RuleProblem(file, line, 1, "in " + where + ": the attribute " + attribute.getName()
                    + " is not allowed in rule files. Hint: the attributes are "
                    + String.join(", ", ATTRIBUTES.keySet().stream().sorted().toList()) + "."));
        } else if (!form.matcher(value).matches()) {
            problems.add(new RuleProblem(file, line, 1, "in " + where + ": " + attribute.getName() + " '"
                    + shorten(value) + "' is not allowed"
                    + (attribute.getName().equals("dialect") ? ": rule files are written in Java, not MVEL."
                    : ": it must be a plain value, not an expression.")
                    + " Hint: " + (attribute.getName().equals("salience") ? "write a whole number, such as salience -10."
                    : attribute.getName().equals("dialect") ? "remove the dialect line." : "write a plain value.")));
        }
    }

    /**
     * Brackets nested deeper than anyone writes by hand: refused before a compiler runs out of stack on them.
     * Brackets in quotes and comments count too, and a closing one never brings the count below zero: it
     * can only refuse more, never less.
     */
    private static void nesting(String file, int line, String where, String code, List<RuleProblem> problems) {
        int deepest = brackets(code);
        if (deepest > MAX_NESTING) {
            problems.add(new RuleProblem(file, Math.max(line, 1), 1, "in " + where + ": brackets nest " + deepest
                    + " levels deep, more than the " + MAX_NESTING + " allowed. Hint: split the expression."));
            return;
        }
        // Operators nest expressions as deeply as brackets do, and a long chain of them costs the compilers
        // as much: a run of unary operators, and the operators of one rule or function, are bounded too.
        String bare = withoutCommentsAndTexts(code);
        int run = 0;
        int longestRun = 0;
        int operators = 0;
        for (int i = 0; i < bare.length(); i++) {
            char c = bare.charAt(i);
            if (c == '!' || c == '~' || c == '-' || c == '+') {
                longestRun = Math.max(longestRun, ++run);
            } else if (!Character.isWhitespace(c)) {
                run = 0;
            }
            if ("!~-+*/%&|?:^<>=".indexOf(c) >= 0) {
                operators++;
            }
        }
        if (longestRun > MAX_NESTING || operators > MAX_OPERATORS) {
            problems.add(new RuleProblem(file, Math.max(line, 1), 1, "in " + where + ": "
                    + (longestRun > MAX_NESTING ? longestRun + " operators follow one another"
                    : "its expressions hold " + operators + " operators, more than the " + MAX_OPERATORS + " allowed")
                    + ". Hint: split the rule, or the expression."));
        }
    }

    /** How many rules Drools makes of these conditions: an 'or' adds its branches', an 'and' multiplies them. */
    private static long alternatives(BaseDescr descr) {
        long count;
        if (descr instanceof org.drools.drl.ast.descr.OrDescr or) {
            count = 0;
            for (BaseDescr child : or.getDescrs()) {
                count = Math.min(Long.MAX_VALUE / 2, count + alternatives(child));
            }
            return Math.max(count, 1);
        }
        count = 1;
        List<BaseDescr> children = new ArrayList<>();
        if (descr instanceof ConditionalElementDescr element) {
            element.getDescrs().forEach(child -> children.add((BaseDescr) child));
        } else if (descr instanceof PatternDescr pattern && pattern.getSource() != null) {
            children.add(pattern.getSource());
        } else if (descr instanceof org.drools.drl.ast.descr.AccumulateDescr accumulate && accumulate.getInput() != null) {
            children.add(accumulate.getInput());
        } else if (descr instanceof org.drools.drl.ast.descr.CollectDescr collect && collect.getInputPattern() != null) {
            children.add(collect.getInputPattern());
        }
        for (BaseDescr child : children) {
            count = Math.min(Long.MAX_VALUE / 2, count * alternatives(child));
            if (count > Integer.MAX_VALUE) {
                return count;
            }
        }
        return count;
    }

    private static boolean inlineAccumulate(BaseDescr descr) {
        if (descr instanceof org.drools.drl.ast.descr.AccumulateDescr accumulate) {
            return !accumulate.isExternalFunction() || accumulate.getInput() != null && inlineAccumulate(accumulate.getInput());
        }
        if (descr instanceof PatternDescr pattern) {
            return pattern.getSource() != null && inlineAccumulate(pattern.getSource());
        }
        if (descr instanceof ConditionalElementDescr element) {
            return element.getDescrs().stream().anyMatch(child -> inlineAccumulate((BaseDescr) child));
        }
        if (descr instanceof org.drools.drl.ast.descr.CollectDescr collect) {
            return collect.getInputPattern() != null && inlineAccumulate(collect.getInputPattern());
        }
        return false;
    }

    /** The code with comments and quoted texts left out: what the operator count reads. */
    private static String withoutCommentsAndTexts(String code) {
        StringBuilder bare = new StringBuilder(code.length());
        int i = 0;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '/' && i + 1 < code.length() && code.charAt(i + 1) == '/') {
                while (i < code.length() && code.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < code.length() && code.charAt(i + 1) == '*') {
                int end = code.indexOf("*/", i + 2);
                i = end < 0 ? code.length() : end + 2;
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < code.length() && code.charAt(i) != c && code.charAt(i) != '\n') {
                    i += code.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
                bare.append(' ');
            } else {
                bare.append(c);
                i++;
            }
        }
        return bare.toString();
    }

    private static boolean usesEntryPoint(BaseDescr descr) {
        if (descr instanceof PatternDescr pattern) {
            if (pattern.getSource() instanceof org.drools.drl.ast.descr.EntryPointDescr) {
                return true;
            }
            return pattern.getSource() != null && usesEntryPoint(pattern.getSource());
        }
        if (descr instanceof ConditionalElementDescr element) {
            return element.getDescrs().stream().anyMatch(child -> usesEntryPoint((BaseDescr) child));
        }
        if (descr instanceof org.drools.drl.ast.descr.AccumulateDescr accumulate) {
            return accumulate.getInput() != null && usesEntryPoint(accumulate.getInput());
        }
        if (descr instanceof org.drools.drl.ast.descr.CollectDescr collect) {
            return collect.getInputPattern() != null && usesEntryPoint(collect.getInputPattern());
        }
        return false;
    }

    /**
     * Where a function's body starts in the file: its first brace, as written, comments and all (the parsed body has
     * lost its comments, and with them the lines they took). -1 when the file does not say where the function is.
     */
    private static int bodyStart(String fileText, FunctionDescr function) {
        int start = function.getStartCharacter();
        int end = function.getEndCharacter();
        if (fileText == null || start < 0 || end <= start || end > fileText.length()) {
            return -1;
        }
        int brace = fileText.indexOf('{', start);
        return brace < 0 || brace >= end ? -1 : brace;
    }

    /** The file's line and column of a line and column of the text that starts at {@code from} (1 for the first). */
    private static int[] inFile(String fileText, int from, int line, int column) {
        int fileLine = 1;
        int lineStart = 0;
        for (int i = 0; i < from; i++) {
            if (fileText.charAt(i) == '\n') {
                fileLine++;
                lineStart = i + 1;
            }
        }
        return new int[] {fileLine + Math.max(line, 1) - 1, Math.max(line <= 1 ? from - lineStart + column : column, 1)};
    }

    /** The expression a part of the conditions writes, if any: a constraint, an eval, a from's source. */
    private static String expression(BaseDescr descr) {
        if (descr instanceof org.drools.drl.ast.descr.ExprConstraintDescr constraint) {
            return constraint.getExpression();
        }
        if (descr instanceof org.drools.drl.ast.descr.EvalDescr eval && eval.getContent() != null) {
            return eval.getContent().toString();
        }
        if (descr instanceof org.drools.drl.ast.descr.FromDescr from && from.getDataSource() != null) {
            return from.getDataSource().toString();
        }
        if (descr instanceof org.drools.drl.ast.descr.AccumulateDescr accumulate && !accumulate.getFunctions().isEmpty()) {
            // each function's arguments, side by side: the deepest of them counts
            return accumulate.getFunctions().stream().map(function -> String.join(", ", function.getParams()))
                    .reduce((a, b) -> brackets(a) >= brackets(b) ? a : b).orElse(null);
        }
        return descr.getText();
    }

    /**
     * How deep brackets nest in a text. Brackets in quotes and comments count too, and a closing one never brings the
     * count below zero: it can only refuse more, never less.
     */
    private static int brackets(String text) {
        if (text == null) {
            return 0;
        }
        int depth = 0;
        int deepest = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                deepest = Math.max(deepest, ++depth);
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            }
        }
        return deepest;
    }

    /** The part of the conditions whose expression nests brackets deepest, or null when none writes one. */
    private static BaseDescr deepestBrackets(BaseDescr descr) {
        List<BaseDescr> parts = new ArrayList<>();
        if (descr instanceof ConditionalElementDescr element) {
            parts.addAll(element.getDescrs());
        }
        if (descr instanceof PatternDescr pattern) {
            parts.addAll(pattern.getDescrs());
            if (pattern.getSource() != null) {
                parts.add(pattern.getSource());
            }
        }
        if (descr instanceof org.drools.drl.ast.descr.AccumulateDescr accumulate) {
            if (accumulate.getInput() != null) {
                parts.add(accumulate.getInput());
            }
        }
        if (descr instanceof org.drools.drl.ast.descr.CollectDescr collect && collect.getInputPattern() != null) {
            parts.add(collect.getInputPattern());
        }
        BaseDescr deepest = expression(descr) == null ? null : descr;
        for (BaseDescr part : parts) {
            BaseDescr found = deepestBrackets(part);
            if (found != null && (deepest == null || brackets(expression(found)) > brackets(expression(deepest)))) {
                deepest = found;
            }
        }
        return deepest;
    }

    private static int depth(BaseDescr descr) {
        int deepest = 0;
        if (descr instanceof ConditionalElementDescr element) {
            for (BaseDescr child : element.getDescrs()) {
                deepest = Math.max(deepest, depth(child));
            }
        } else if (descr instanceof PatternDescr pattern) {
            for (BaseDescr child : pattern.getDescrs()) {
                deepest = Math.max(deepest, depth(child));
            }
            if (pattern.getSource() != null) {
                deepest = Math.max(deepest, depth(pattern.getSource()));
            }
        }
        return deepest + 1;
    }

    static RuleProblem refused(String file, int line, String rule, String what) {
        return new RuleProblem(file, Math.max(line, 0), line > 0 ? 1 : 0, (rule == null ? "" : "in " + rule + ": ") + what
                + ", which rule files may not use. Hint: rule files may use the fact and decision types and the members"
                + " listed in README.md, under \"Rule files are code\".");
    }

    private static String shorten(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > 60 ? flat.substring(0, 57) + "..." : flat;
    }
}
