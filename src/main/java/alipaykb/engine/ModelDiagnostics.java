package alipaykb.engine;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Messages of the executable model's compiler, for what Drools' other compiler accepts but this one
 * does not: placed at the file, line and rule of the expression they quote, never with generated Java.
 */
final class ModelDiagnostics {
    private static final Pattern QUOTED = Pattern.compile(":\\s*(.+?)\\s*:?\\s*$");

    private ModelDiagnostics() {
    }

    static RuleProblem translate(DroolsInternals.BuildMessage error, RuleCatalog catalog) {
        String file = error.file();
        String message = firstLine(error.text());
        int line = error.line();
        int column = 0;
        Matcher quoted = QUOTED.matcher(message);
        if (file != null && quoted.find() && catalog.text(file) != null) {
            int[] at = find(catalog.text(file), quoted.group(1).strip());
            if (at != null) {
                line = at[0];
                column = at[1];
            }
        }
        Optional<RuleInfo> rule = file == null || line <= 0 ? Optional.empty() : catalog.ruleAt(file, line);
        return new RuleProblem(file, Math.max(line, 0), column, rule.map(r -> "in rule \"" + r.name() + "\": ").orElse("")
                + message + ". Hint: compare names and types with the fact's type; compare numbers with numbers.");
    }

    static RuleProblem translate(String javaError, String file) {
        return new RuleProblem(file, file == null ? 0 : 1, 0, "the rules compile to Java that does not compile: "
                + firstLine(javaError) + ". Hint: check the names, arguments and types in the actions (then).");
    }

    private static int[] find(String text, String fragment) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int at = lines[i].indexOf(fragment);
            if (at >= 0) {
                return new int[] {i + 1, at + 1};
            }
        }
        return null;
    }

    static String firstLine(String text) {
        String stripped = text == null ? "" : text.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline).strip();
    }
}
