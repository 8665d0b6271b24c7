package alipaykb.engine;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.drools.drl.ast.descr.AtomicExprDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RelationalExprDescr;
import org.drools.drl.ast.descr.RuleDescr;

/**
 * Finds a condition that compares a field with a literal of another type, such as
 * {@code amount > "two hundred"} or {@code asOf >= "2030-01-31"}: Drools compiles those and only fails
 * when a decision evaluates them. Judged on the comparisons Drools' own expression parser reads, and
 * on the field's type as the fact type declares it.
 */
final class LiteralTypes {
    private LiteralTypes() {
    }

    /** Every such comparison in a file's rules. */
    static void check(String file, String text, PackageDescr descr, List<RuleProblem> problems) {
        Map<String, String> imports = new java.util.HashMap<>();
        descr.getImports().forEach(target -> {
            String name = target.getTarget();
            imports.put(name.substring(name.lastIndexOf('.') + 1), name);
        });
        for (RuleDescr rule : descr.getRules()) {
            if (rule.getLhs() != null) {
                walk(file, text, rule, rule.getLhs(), imports, problems);
            }
            if (rule.getConsequence() instanceof String actions) {
                actions(file, text, rule, actions, problems);
            }
        }
    }

    /** The calls that make a row of a table: only the reference phase, which check runs, may make them. */
    private static final java.util.Set<String> TABLE_CALLS = java.util.Set.of("TierLimit.row", "FeatureLimit.row",
            "ForeignCardCap.row", "NoIdAllowance.row", "FeeRate.row", "FxRate.byDefault", "Period.from", "Period.before");
    private static final String REFERENCE_PHASE = "reference";
    private static final java.util.regex.Pattern WHOLE_DIVISION =
            java.util.regex.Pattern.compile("(?<![\\w.$])\\d+\\s*[/%]\\s*\\d+(?![\\w.])");
    private static final java.util.regex.Pattern OCTAL = java.util.regex.Pattern.compile("0[0-9_]+[lL]?");

    /**
     * What Java reads otherwise than an analyst means, in a rule's actions: a number with a leading zero (base
     * 8), a character where a number belongs, a division of whole numbers (which drops the fraction), and a
     * table's row made outside the reference phase, where check would not see its values.
     */
    private static void actions(String file, String text, RuleDescr rule, String actions, List<RuleProblem> problems) {
        com.github.javaparser.ast.stmt.BlockStmt block;
        try {
            block = new com.github.javaparser.JavaParser().parseBlock("{" + actions + "\n}").getResult().orElse(null);
        } catch (RuntimeException | StackOverflowError e) {
            return;
        }
        if (block == null) {
            return;
        }
        boolean reference = rule.getAttributes().get("ruleflow-group") != null
                && REFERENCE_PHASE.equals(String.valueOf(rule.getAttributes().get("ruleflow-group").getValue()).strip());
        String name = "in rule \"" + rule.getName() + "\": ";
        block.walk(com.github.javaparser.ast.Node.class, node -> {
            String problem = null;
            if (node instanceof com.github.javaparser.ast.expr.IntegerLiteralExpr
                    || node instanceof com.github.javaparser.ast.expr.LongLiteralExpr) {
                String value = ((com.github.javaparser.ast.expr.LiteralStringValueExpr) node).getValue();
                if (OCTAL.matcher(value).matches() && !afterThousands(text, rule.getConsequenceLine(), node)) {
                    problem = "the number " + value + " starts with 0, so Java reads it in base 8 (" + value
                            + " is not " + value.replaceFirst("^0+(?=.)", "") + "). Hint: write it without the leading zero.";
                }
            } else if (node instanceof com.github.javaparser.ast.expr.CharLiteralExpr character) {
                problem = "'" + character.getValue() + "' is a character, which Java takes as a code number where a"
                        + " number belongs. Hint: write numbers without quotes and text in double quotes.";
            } else if (node instanceof com.github.javaparser.ast.expr.BinaryExpr binary
                    && (binary.getOperator() == com.github.javaparser.ast.expr.BinaryExpr.Operator.DIVIDE
                    || binary.getOperator() == com.github.javaparser.ast.expr.BinaryExpr.Operator.REMAINDER)
                    && whole(binary.getLeft()) && whole(binary.getRight())) {
                problem = "'" + binary + "' divides whole numbers, which Java does without the fraction (1 / 3 is 0)."
                        + " Hint: write the value itself, such as 0.33.";
            } else if (node instanceof com.github.javaparser.ast.expr.MethodCallExpr call && !reference
                    && call.getScope().isPresent()
                    && TABLE_CALLS.contains(call.getScope().get() + "." + call.getNameAsString())) {
                problem = call.getScope().get() + "." + call.getNameAsString() + "(...) makes a row of a table, which"
                        + " belongs in a rule of ruleflow-group \"reference\": check runs those and so checks every"
                        + " value. Hint: put the row in its table, and match the row's fact here.";
            }
            if (problem != null) {
                int line = node.getBegin().map(position -> position.line).orElse(1);
                int column = node.getBegin().map(position -> position.column).orElse(1);
                int[] at = actionPlace(text, rule.getConsequenceLine(), line, column);
                problems.add(new RuleProblem(file, at[0], at[1], name + "in its actions (then): " + problem));
            }
        });
    }

    /** Whether a number follows "digit," in the file, as 000 in 1,000: the compiler's error says more about that. */
    private static boolean afterThousands(String text, int thenLine, com.github.javaparser.ast.Node node) {
        int line = node.getBegin().map(position -> position.line).orElse(1);
        int column = node.getBegin().map(position -> position.column).orElse(1);
        int[] at = actionPlace(text, thenLine, line, column);
        String[] lines = text == null ? new String[0] : text.split("\n", -1);
        if (at[0] < 1 || at[0] > lines.length) {
            return false;
        }
        String before = lines[at[0] - 1].substring(0, Math.min(at[1] - 1, lines[at[0] - 1].length()));
        return before.matches(".*\\d,");
    }

    private static boolean whole(com.github.javaparser.ast.Node operand) {
        com.github.javaparser.ast.Node inner = operand;
        while (inner instanceof com.github.javaparser.ast.expr.EnclosedExpr enclosed) {
            inner = enclosed.getInner();
        }
        if (inner instanceof com.github.javaparser.ast.expr.UnaryExpr unary) {
            inner = unary.getExpression();
        }
        return inner instanceof com.github.javaparser.ast.expr.IntegerLiteralExpr
                || inner instanceof com.github.javaparser.ast.expr.LongLiteralExpr;
    }

    /**
     * The rule file's line and column of a place in the actions: Drools keeps the actions from the line after
     * "then", and the parsed text opens with "{" before them.
     */
    private static int[] actionPlace(String text, int thenLine, int line, int column) {
        int fileLine = Math.max(thenLine, 0) + line;
        if (line > 1) {
            return new int[] {fileLine, column};
        }
        // Drools keeps the first line of the actions without its indentation.
        String[] lines = text == null ? new String[0] : text.split("\n", -1);
        String first = fileLine >= 1 && fileLine <= lines.length ? lines[fileLine - 1] : "";
        int indent = first.length() - first.stripLeading().length();
        return new int[] {fileLine, indent + Math.max(column - 1, 1)};
    }

    private static void walk(String file, String text, RuleDescr rule, BaseDescr element, Map<String, String> imports,
                             List<RuleProblem> problems) {
        if (element instanceof PatternDescr pattern) {
            Optional<Class<?>> type = typeOf(pattern.getObjectType(), imports);
            for (BaseDescr constraint : pattern.getDescrs()) {
                if (constraint instanceof ExprConstraintDescr expression && type.isPresent()) {
                    judge(file, text, rule, expression, type.get(), imports, problems);
                }
            }
            if (pattern.getSource() instanceof org.drools.drl.ast.descr.CollectDescr collect) {
                walk(file, text, rule, collect.getInputPattern(), imports, problems);
            } else if (pattern.getSource() instanceof org.drools.drl.ast.descr.AccumulateDescr accumulate) {
                walk(file, text, rule, accumulate.getInput(), imports, problems);
            } else if (pattern.getSource() != null) {
                walk(file, text, rule, pattern.getSource(), imports, problems);
            }
        } else if (element instanceof ConditionalElementDescr group) {
            group.getDescrs().forEach(child -> walk(file, text, rule, (BaseDescr) child, imports, problems));
        }
    }

    private static Optional<Class<?>> typeOf(String name, Map<String, String> imports) {
        String qualified = name == null ? null : imports.getOrDefault(name, name);
        if (qualified == null || !qualified.startsWith("alipaykb.")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Class.forName(qualified, false, LiteralTypes.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static void judge(String file, String text, RuleDescr rule, ExprConstraintDescr expression, Class<?> type,
                              Map<String, String> imports, List<RuleProblem> problems) {
        ConstraintConnectiveDescr parsed = DroolsInternals.parseCondition(expression.getExpression());
        if (parsed == null) {
            return;
        }
        String condition = expression.getExpression();
        java.util.regex.Matcher division = WHOLE_DIVISION.matcher(condition);
        if (division.find()) {
            int[] at = place(text, expression.getLine(), division.group().strip());
            problems.add(new RuleProblem(file, at[0], at[1], "in rule \"" + rule.getName() + "\": the condition '"
                    + condition.strip() + "' divides whole numbers (" + division.group().strip() + "), which drops the"
                    + " fraction or fails on 0. Hint: write the value itself."));
        }
        if (condition.contains("Period.from(") || condition.contains("Period.before(")) {
            int[] at = place(text, expression.getLine(), "Period.");
            problems.add(new RuleProblem(file, at[0], at[1], "in rule \"" + rule.getName() + "\": the condition '"
                    + condition.strip() + "' makes a date, which check cannot see until a decision runs. Hint: keep"
                    + " dates in a table (a rule of ruleflow-group \"reference\") and match its fact."));
        }
        comparisons(parsed, relation -> {
            for (BaseDescr side : List.of(relation.getLeft(), relation.getRight())) {
                if (side instanceof AtomicExprDescr atom && atom.isLiteral()
                        && OCTAL.matcher(atom.getExpression().strip()).matches()) {
                    int[] at = place(text, expression.getLine(), atom.getExpression().strip());
                    problems.add(new RuleProblem(file, at[0], at[1], "in rule \"" + rule.getName() + "\": the number "
                            + atom.getExpression().strip() + " starts with 0, so it is read in base 8. Hint: write it"
                            + " without the leading zero."));
                }
            }
            if (relation.getLeft() instanceof AtomicExprDescr left && relation.getRight() instanceof AtomicExprDescr right) {
                mismatch(left, right, type, imports).or(() -> mismatch(right, left, type, imports)).ifPresent(problem -> {
                    int[] at = place(text, expression.getLine(), problem.literal());
                    problems.add(new RuleProblem(file, at[0], at[1], "in rule \"" + rule.getName() + "\": the condition '"
                            + expression.getExpression().strip().replaceAll("\\s+", " ") + "' compares " + problem.field()
                            + " (" + problem.kind() + ") with " + problem.described() + ". Hint: " + problem.hint()));
                });
            }
        });
    }

    private record Mismatch(String field, String kind, String literal, String described, String hint) {
    }

    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("-?\\d[\\d_]*(\\.\\d+)?([eE][+-]?\\d+)?[lLdDfFbBiI]?");
    private static final java.util.regex.Pattern CONSTANT = java.util.regex.Pattern.compile("([A-Z]\\w*)\\.([A-Z][A-Z0-9_]*)");

    /** What kind of value a field holds, or null when any literal may be compared with it. */
    private static String kindOf(Class<?> fieldType) {
        if (BigDecimal.class.equals(fieldType) || Number.class.isAssignableFrom(fieldType)
                || (fieldType.isPrimitive() && fieldType != boolean.class)) {
            return "a number";
        }
        if (LocalDate.class.equals(fieldType)) {
            return "a date";
        }
        if (fieldType.isEnum()) {
            return "a code";
        }
        if (fieldType == boolean.class || fieldType == Boolean.class) {
            return "true or false";
        }
        return null;
    }

    /** What kind of value a literal is, with how to name it, or null when it is not one this check judges. */
    private static String[] literalKind(String value, Map<String, String> imports) {
        if (value.startsWith("\"") || value.startsWith("'")) {
            return new String[] {"text", "the text " + value};
        }
        if (value.equals("true") || value.equals("false")) {
            return new String[] {"true or false", value};
        }
        if (NUMBER.matcher(value).matches()) {
            return new String[] {"a number", "the number " + value};
        }
        java.util.regex.Matcher constant = CONSTANT.matcher(value);
        if (constant.matches()) {
            Optional<Class<?>> type = typeOf(constant.group(1), imports);
            if (type.isPresent() && type.get().isEnum()) {
                return new String[] {"a code of " + type.get().getSimpleName(), "the code " + value};
            }
        }
        return null;
    }

    private static Optional<Mismatch> mismatch(AtomicExprDescr field, AtomicExprDescr literal, Class<?> type,
                                               Map<String, String> imports) {
        String value = unbracketed(literal.getExpression());
        String[] kind = literalKind(value, imports);
        if (kind == null || !type.isRecord()) {
            return Optional.empty();
        }
        String name = unbracketed(field.getExpression()).replaceFirst("^this\\.", "");
        for (RecordComponent component : type.getRecordComponents()) {
            Class<?> fieldType = component.getType();
            String fieldKind = kindOf(fieldType);
            if (!component.getName().equals(name) || fieldKind == null || fieldKind.equals(kind[0])
                    || (fieldKind.equals("a code") && kind[0].equals("a code of " + fieldType.getSimpleName()))) {
                continue;
            }
            String hint = switch (fieldKind) {
                case "a number" -> "write a number without quotes, such as " + name + " > 150.";
                case "a date" -> "compare with a date a reference table holds, such as a Period written"
                        + " Period.from(2030, 1, 31).";
                case "a code" -> "write one of " + fieldType.getSimpleName() + "'s codes without quotes, such as "
                        + suggestedConstant(fieldType, value) + ".";
                default -> "write true or false without quotes.";
            };
            return Optional.of(new Mismatch(name, fieldKind, value, kind[1], hint));
        }
        return Optional.empty();
    }

    private static String suggestedConstant(Class<?> enumType, String written) {
        String bare = written.replaceAll("^[\"']|[\"']$", "");
        for (Object constant : enumType.getEnumConstants()) {
            if (((Enum<?>) constant).name().equalsIgnoreCase(bare)) {
                return enumType.getSimpleName() + "." + ((Enum<?>) constant).name();
            }
        }
        List<String> names = java.util.Arrays.stream(enumType.getEnumConstants()).limit(4)
                .map(constant -> enumType.getSimpleName() + "." + ((Enum<?>) constant).name()).toList();
        return String.join(", ", names) + (enumType.getEnumConstants().length > 4 ? " ..." : "");
    }

    private static String unbracketed(String expression) {
        String value = expression.strip();
        while (value.startsWith("(") && value.endsWith(")") && value.length() > 2) {
            value = value.substring(1, value.length() - 1).strip();
        }
        return value;
    }

    private static void comparisons(BaseDescr descr, java.util.function.Consumer<RelationalExprDescr> each) {
        if (descr instanceof RelationalExprDescr relation) {
            each.accept(relation);
        } else if (descr instanceof ConstraintConnectiveDescr connective) {
            connective.getDescrs().forEach(child -> comparisons(child, each));
        }
    }

    /** The line and column of a literal, from the constraint's line on. */
    private static int[] place(String text, int line, String literal) {
        String[] lines = text == null ? new String[0] : text.split("\n", -1);
        String singleQuoted = literal.startsWith("\"") ? "'" + literal.substring(1, literal.length() - 1) + "'" : literal;
        for (int i = Math.max(line, 1) - 1; i < lines.length && i < line + 20; i++) {
            int at = lines[i].indexOf(literal);
            at = at >= 0 ? at : lines[i].indexOf(singleQuoted);
            if (at >= 0) {
                return new int[] {i + 1, at + 1};
            }
        }
        return new int[] {Math.max(line, 1), 1};
    }
}
