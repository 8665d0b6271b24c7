package alipaykb.engine;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns Drools' compiler messages into an analyst's words: the rule's name, what is wrong and a hint,
 * never a line of generated Java.
 */
final class Diagnostics {
    private static final Pattern PARSER_PREFIX = Pattern.compile("^\\[ERR \\d+\\]\\s*Line \\d+:\\d+\\s*");
    private static final Pattern NO_FIELD = Pattern.compile(
            "unable to resolve method using strict-mode: ([\\w.$]+)\\.(\\w+)\\(\\)");
    private static final Pattern NO_METHOD_MVEL = Pattern.compile(
            "unable to resolve method using strict-mode: ([\\w.$]+)\\.([\\w$]+)\\(([^)]*)\\)");
    private static final Pattern EXPRESSION = Pattern.compile("Unable to Analyse Expression (.*?):\\s*$", Pattern.MULTILINE);
    private static final Pattern MVEL_ERROR = Pattern.compile("\\[Error: ([^\\]]*)\\]");
    private static final Pattern UNKNOWN_TYPE = Pattern.compile("Unable to resolve ObjectType '([\\w.$]+)'");
    private static final Pattern NOT_A_TYPE = Pattern.compile("(\\w+) cannot be resolved to a type");
    private static final Pattern NOT_A_VARIABLE = Pattern.compile("(\\$?\\w+) cannot be resolved(?: to a variable)?");
    private static final Pattern NO_METHOD = Pattern.compile("The method (\\w+)\\(([^)]*)\\) is undefined for the type (\\w+)");
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate rule name: (.*)");
    private static final Pattern NOT_APPLICABLE = Pattern.compile(
            "The (?:method|constructor) ([\\w.]+)\\(([^)]*)\\)(?: in the type \\w+)? is not applicable for the arguments \\(([^)]*)\\)");
    /** A number written with thousands separators, which Java reads as two arguments. */
    private static final Pattern GROUPED_NUMBER = Pattern.compile("\\d,\\d{3}\\b");
    private static final Pattern TEXT_LITERAL = Pattern.compile("\"[^\"]*\"");
    private static final java.util.Set<String> NUMBER_TYPES = java.util.Set.of("double", "int", "long", "BigDecimal");

    private Diagnostics() {
    }

    /** A syntax error from the DRL parser, without the parser's codes. */
    static String syntax(String message) {
        String text = PARSER_PREFIX.matcher(firstLine(message)).replaceFirst("");
        String hint;
        if (text.contains("mismatched input") || text.contains("no viable alternative")) {
            hint = "check the brackets, commas and quotes just before it";
        } else if (text.contains("missing")) {
            hint = "something is left out just before this point";
        } else {
            hint = "compare with a rule that works: rule \"name\" ... when ... then ... end";
        }
        return "syntax error: " + text + ". Hint: " + hint + ".";
    }

    /**
     * One compiler message in an analyst's words, or null when it only repeats another problem.
     *
     * @param brokenTypes types declared in files with syntax errors: errors about them follow from those
     */
    static RuleProblem translate(String file, int line, int column, String text, RuleCatalog catalog,
                                 Set<String> brokenTypes) {
        if (text.contains("Parser returned a null Package")) {
            return null;
        }
        Optional<RuleInfo> rule = catalog.ruleNamedIn(text).or(() -> file == null ? Optional.empty() : catalog.ruleAt(file, line));
        String prefix = rule.map(r -> "in rule \"" + r.name() + "\": ").orElse("");
        String fileText = file == null ? null : catalog.text(file);

        Matcher duplicate = DUPLICATE.matcher(text);
        if (duplicate.find()) {
            String name = duplicate.group(1).strip();
            String first = catalog.rules().stream().filter(r -> r.name().equals(name)).findFirst()
                    .map(RuleInfo::where).orElse("another file");
            return new RuleProblem(file, line, 1, "rule \"" + name + "\" is defined twice (first at " + first
                    + "). Hint: every rule needs its own name, a business sentence.");
        }
        Matcher unknownType = UNKNOWN_TYPE.matcher(text);
        if (unknownType.find()) {
            String type = unknownType.group(1);
            if (brokenTypes.contains(type)) {
                return null;
            }
            return new RuleProblem(file, line, columnOf(fileText, line, type, column), prefix + "unknown fact type '"
                    + type + "'. Hint: " + suggestion(type, knownTypes(catalog, file))
                    + "fact types come from the file's imports and from declare blocks.");
        }
        Matcher expressionInActions = EXPRESSION.matcher(text);
        Matcher mvelMethod = NO_METHOD_MVEL.matcher(text);
        if (expressionInActions.find() && expressionInActions.group(1).strip().startsWith("drools.") && mvelMethod.find()) {
            // The actions (then) of an MVEL rule: Drools shows them rewritten as drools.insert(...)
            String type = mvelMethod.group(1);
            String method = mvelMethod.group(2);
            String simple = type.substring(type.lastIndexOf('.') + 1);
            if (method.startsWith("$")) {
                int[] at = findFrom(fileText, line, method, column);
                return new RuleProblem(file, at[0], at[1], prefix + "in its actions (then): " + method + " is not bound"
                        + " in the rule's conditions. Hint: bind it first, such as " + method + " : id.");
            }
            int[] at = findFrom(fileText, line, "." + method + "(", column);
            return new RuleProblem(file, at[0], at[1] + 1, prefix + "in its actions (then): " + simple
                    + " has no method " + method + "(...) taking these arguments. Hint: "
                    + suggestion(method, methodsOf(catalog, file, simple)) + "check the method's name and arguments.");
        }
        Matcher noField = NO_FIELD.matcher(text);
        if (noField.find()) {
            String type = noField.group(1);
            String field = noField.group(2);
            List<String> fields = fieldsOf(type);
            String simple = type.substring(type.lastIndexOf('.') + 1);
            return new RuleProblem(file, line, columnOf(fileText, line, field, column), prefix + simple
                    + " has no field '" + field + "'. Hint: " + suggestion(field, fields)
                    + (fields.isEmpty() ? "check the spelling." : simple + "'s fields are " + String.join(", ", fields) + "."));
        }
        Matcher expression = EXPRESSION.matcher(text);
        if (expression.find()) {
            Matcher mvel = MVEL_ERROR.matcher(text);
            String why = mvel.find() ? mvel.group(1) : "it cannot be evaluated";
            String expr = expression.group(1).strip();
            return new RuleProblem(file, line, columnOf(fileText, line, expr, column), prefix + "the condition '"
                    + expr + "' is wrong: " + why + ". Hint: compare field names and types with the fact's type.");
        }
        if (text.startsWith("Rule Compilation error")) {
            String detail = firstLine(text.substring("Rule Compilation error".length())).strip();
            Matcher notType = NOT_A_TYPE.matcher(detail);
            Matcher noMethod = NO_METHOD.matcher(detail);
            Matcher notVariable = NOT_A_VARIABLE.matcher(detail);
            Matcher notApplicable = NOT_APPLICABLE.matcher(detail);
            String hint;
            String token = null;
            if (notApplicable.find()) {
                return wrongArguments(file, line, column, prefix, detail, notApplicable, fileText);
            } else if (notType.find()) {
                token = notType.group(1);
                if (brokenTypes.contains(token)) {
                    return null;
                }
                hint = suggestion(token, knownTypes(catalog, file)) + "import the type at the top of the file, or declare it.";
            } else if (noMethod.find()) {
                token = noMethod.group(1);
                hint = suggestion(token, methodsOf(catalog, file, noMethod.group(3))) + "check the method's name and arguments.";
            } else if (notVariable.find()) {
                token = notVariable.group(1);
                hint = "bind it in the rule's conditions first, such as $id : id.";
            } else {
                hint = "the actions (then) are Java: check names, brackets and semicolons.";
            }
            int[] at = token == null ? new int[] {line, column} : findFrom(fileText, line, token, column);
            return new RuleProblem(file, at[0], at[1], prefix + "in its actions (then): "
                    + detail.replace("KnowledgeHelper", "drools") + ". Hint: " + hint);
        }
        return new RuleProblem(file, line, column, prefix + firstLine(text).strip());
    }

    /**
     * A call whose arguments do not fit: most often a number written {@code 1,000} (two arguments to Java) or
     * in quotes (text), pointed at where it is written.
     */
    private static RuleProblem wrongArguments(String file, int line, int column, String prefix, String detail,
                                              Matcher call, String fileText) {
        List<String> parameters = List.of(call.group(2).split(",\\s*"));
        List<String> arguments = List.of(call.group(3).split(",\\s*"));
        int[] grouped = findFrom(fileText, line, GROUPED_NUMBER, column);
        // Which text argument stands where a number belongs: the how-many-th quoted text of the call.
        int textForNumber = -1;
        int texts = 0;
        for (int i = 0; i < Math.min(parameters.size(), arguments.size()) && textForNumber < 0; i++) {
            if (arguments.get(i).equals("String")) {
                textForNumber = NUMBER_TYPES.contains(parameters.get(i)) ? texts : -1;
                texts++;
            }
        }
        String message = prefix + "in its actions (then): " + detail + ". Hint: ";
        if (arguments.size() > parameters.size() && grouped[2] == 1) {
            return new RuleProblem(file, grouped[0], grouped[1], message + "write numbers without thousands separators,"
                    + " such as 1000 or 1_000: in Java 1,000 is two numbers.");
        }
        if (textForNumber >= 0) {
            int[] quoted = findFrom(fileText, line, TEXT_LITERAL, column);
            for (int skip = 0; skip < textForNumber && quoted[2] == 1; skip++) {
                int[] next = findFrom(fileText, quoted[0], TEXT_LITERAL, column, quoted[3]);
                quoted = next[2] == 1 ? next : quoted;
            }
            return new RuleProblem(file, quoted[0], quoted[1], message + "amounts, percentages and counts are numbers,"
                    + " not text: write 200, not \"200\" or \"two hundred\".");
        }
        int[] at = findFrom(fileText, line, call.group(1).substring(call.group(1).lastIndexOf('.') + 1) + "(", column);
        return new RuleProblem(file, at[0], at[1], message + call.group(1) + " takes (" + call.group(2)
                + "): check the number, order and types of the arguments.");
    }

    /**
     * The line and 1-based column of the first match of a pattern within the rule, from a line on; [2] is 1 if
     * found, [3] where the match ends (0-based).
     */
    private static int[] findFrom(String fileText, int line, Pattern pattern, int fallback) {
        return findFrom(fileText, line, pattern, fallback, 0);
    }

    /** As above, after the given column of the first line. */
    private static int[] findFrom(String fileText, int line, Pattern pattern, int fallback, int afterColumn) {
        if (fileText != null && line > 0) {
            String[] lines = fileText.split("\n", -1);
            for (int i = line - 1; i < lines.length && i < line + 40; i++) {
                if (i > line - 1 && lines[i].strip().startsWith("rule ")) {
                    break;
                }
                String code = lines[i].contains("//") ? lines[i].substring(0, lines[i].indexOf("//")) : lines[i];
                Matcher found = pattern.matcher(code);
                if (found.find(i == line - 1 ? Math.min(afterColumn, code.length()) : 0)) {
                    return new int[] {i + 1, found.start() + 1, 1, found.end()};
                }
            }
        }
        return new int[] {line, fallback, 0, 0};
    }

    private static String firstLine(String text) {
        String stripped = text.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline).strip();
    }

    /** The 1-based column of a token on a line, else the given column. */
    private static int columnOf(String fileText, int line, String token, int fallback) {
        if (fileText == null || line <= 0 || token == null || token.isEmpty()) {
            return fallback;
        }
        String[] lines = fileText.split("\n", -1);
        int at = line <= lines.length ? lines[line - 1].indexOf(token) : -1;
        return at >= 0 ? at + 1 : fallback;
    }

    /** The line and 1-based column where a token first appears from a line on, within the rule's text. */
    private static int[] findFrom(String fileText, int line, String token, int fallback) {
        if (fileText != null && line > 0) {
            String[] lines = fileText.split("\n", -1);
            for (int i = line - 1; i < lines.length && i < line + 40; i++) {
                if (i > line - 1 && lines[i].strip().startsWith("rule ")) {
                    break;
                }
                int at = lines[i].indexOf(token);
                if (at >= 0) {
                    return new int[] {i + 1, at + 1};
                }
            }
        }
        return new int[] {line, fallback};
    }

    private static String suggestion(String wrong, Collection<String> candidates) {
        return candidates.stream()
                .filter(candidate -> !candidate.equals(wrong))
                .min(Comparator.comparingInt(candidate -> distance(wrong.toLowerCase(), candidate.toLowerCase())))
                .filter(best -> distance(wrong.toLowerCase(), best.toLowerCase()) <= Math.max(2, wrong.length() / 3))
                .map(best -> "did you mean '" + best + "'? ")
                .orElse("");
    }

    private static Set<String> knownTypes(RuleCatalog catalog, String file) {
        Set<String> types = new TreeSet<>(catalog.declaredTypes().keySet());
        for (String imported : catalog.imports(file)) {
            types.add(imported.substring(imported.lastIndexOf('.') + 1));
        }
        return types;
    }

    private static List<String> fieldsOf(String typeName) {
        try {
            Class<?> type = Class.forName(typeName, false, Diagnostics.class.getClassLoader());
            if (type.isRecord()) {
                return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
            }
        } catch (ClassNotFoundException | LinkageError e) {
            // a type declared in DRL: no field list to offer
        }
        return List.of();
    }

    private static Set<String> methodsOf(RuleCatalog catalog, String file, String simpleName) {
        for (String imported : catalog.imports(file)) {
            if (imported.endsWith("." + simpleName)) {
                try {
                    Class<?> type = Class.forName(imported, false, Diagnostics.class.getClassLoader());
                    return Arrays.stream(type.getMethods())
                            .filter(m -> Modifier.isPublic(m.getModifiers()))
                            .map(Method::getName)
                            .collect(Collectors.toCollection(TreeSet::new));
                } catch (ClassNotFoundException | LinkageError e) {
                    return Set.of();
                }
            }
        }
        return Set.of();
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
