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
import org.drools.drl.parser.DrlExprParser;
import org.drools.drl.parser.DrlExprParserFactory;
import org.kie.internal.builder.conf.LanguageLevelOption;

/**
 * Finds a condition that compares a field with a literal of another type, such as
 * {@code amount > "two hundred"} or {@code asOf >= "2024-03-01"}: Drools compiles those and only fails
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
        }
    }

    private static void walk(String file, String text, RuleDescr rule, BaseDescr element, Map<String, String> imports,
                             List<RuleProblem> problems) {
        if (element instanceof PatternDescr pattern) {
            Optional<Class<?>> type = typeOf(pattern.getObjectType(), imports);
            for (BaseDescr constraint : pattern.getDescrs()) {
                if (constraint instanceof ExprConstraintDescr expression && type.isPresent()) {
                    judge(file, text, rule, expression, type.get(), problems);
                }
            }
            if (pattern.getSource() != null) {
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
                              List<RuleProblem> problems) {
        DrlExprParser parser = DrlExprParserFactory.getDrlExprParser(LanguageLevelOption.DRL6);
        ConstraintConnectiveDescr parsed = parser.parse(expression.getExpression());
        if (parser.hasErrors() || parsed == null) {
            return;
        }
        comparisons(parsed, relation -> {
            if (relation.getLeft() instanceof AtomicExprDescr left && relation.getRight() instanceof AtomicExprDescr right) {
                mismatch(left, right, type).or(() -> mismatch(right, left, type)).ifPresent(problem -> {
                    int[] at = place(text, expression.getLine(), problem.literal());
                    problems.add(new RuleProblem(file, at[0], at[1], "in rule \"" + rule.getName() + "\": the condition '"
                            + expression.getExpression().strip() + "' compares " + problem.field() + " (" + problem.kind()
                            + ") with the text " + problem.literal() + ", which fails in every decision. Hint: "
                            + problem.hint()));
                });
            }
        });
    }

    private record Mismatch(String field, String kind, String literal, String hint) {
    }

    private static Optional<Mismatch> mismatch(AtomicExprDescr field, AtomicExprDescr literal, Class<?> type) {
        String value = literal.getExpression().strip();
        if (!literal.isLiteral() || !value.startsWith("\"") || !type.isRecord()) {
            return Optional.empty();
        }
        String name = field.getExpression().strip();
        for (RecordComponent component : type.getRecordComponents()) {
            if (!component.getName().equals(name)) {
                continue;
            }
            Class<?> fieldType = component.getType();
            if (BigDecimal.class.equals(fieldType) || Number.class.isAssignableFrom(fieldType)
                    || (fieldType.isPrimitive() && fieldType != boolean.class)) {
                return Optional.of(new Mismatch(name, "a number", value, "write the number without quotes, such as "
                        + name + " > 200."));
            }
            if (LocalDate.class.equals(fieldType)) {
                return Optional.of(new Mismatch(name, "a date", value, "compare with a date a reference table holds,"
                        + " such as a Period written Period.from(2024, 3, 1)."));
            }
            if (fieldType.isEnum()) {
                return Optional.of(new Mismatch(name, "a code", value, "write the code as " + fieldType.getSimpleName()
                        + "." + fieldType.getEnumConstants()[0] + ", not in quotes."));
            }
            if (fieldType == boolean.class || fieldType == Boolean.class) {
                return Optional.of(new Mismatch(name, "true or false", value, "write true or false without quotes."));
            }
        }
        return Optional.empty();
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
        for (int i = Math.max(line, 1) - 1; i < lines.length && i < line + 20; i++) {
            int at = lines[i].indexOf(literal);
            if (at >= 0) {
                return new int[] {i + 1, at + 1};
            }
        }
        return new int[] {Math.max(line, 1), 1};
    }
}
