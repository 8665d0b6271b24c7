package alipaykb.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule files are code that analysts change every week, so they may only use what a policy needs: the
 * project's fact and decision types, {@code java.math}, {@code java.time}, {@code java.util} and
 * {@code java.lang} without {@code System}, {@code Runtime}, {@code ProcessBuilder}, {@code Thread},
 * {@code ClassLoader} and reflection. This reads each file (its imports, globals, conditions, actions
 * and functions, with comments and text in quotes left aside) and reports everything else it names,
 * with its file and line, before anything is compiled.
 */
public final class RuleSandbox {
    /** Packages whose classes rule files may use (their subpackages too, unless listed as forbidden). */
    private static final List<String> ALLOWED_PACKAGES = List.of(
            "alipaykb.facts", "alipaykb.decisions", "java.math", "java.time", "java.util", "java.lang");
    /** Subpackages of allowed packages that are not allowed. */
    private static final List<String> FORBIDDEN_PACKAGES = List.of(
            "java.lang.reflect", "java.lang.invoke", "java.lang.instrument", "java.lang.management",
            "java.lang.ref", "java.lang.module", "java.util.concurrent", "java.util.logging", "java.util.prefs",
            "java.util.jar", "java.util.zip", "java.util.spi", "java.util.random");
    /** Classes of java.lang that rule files may not use. */
    private static final Set<String> FORBIDDEN_CLASSES = Set.of(
            "System", "Runtime", "ProcessBuilder", "Process", "ProcessHandle", "Thread", "ThreadGroup",
            "ThreadLocal", "InheritableThreadLocal", "ClassLoader", "Class", "Module", "ModuleLayer", "StackWalker",
            "SecurityManager", "Compiler", "ScopedValue");
    /** The roots of package names, to tell a fully qualified class name from a chain of field reads. */
    private static final Set<String> PACKAGE_ROOTS = Set.of(
            "java", "javax", "jdk", "sun", "com", "org", "net", "io", "alipaykb", "kotlin", "scala", "groovy");

    private static final Pattern IMPORT = Pattern.compile(
            "^\\s*import\\s+(?:static\\s+|function\\s+|accumulate\\s+)?([\\w.]+(?:\\.\\*)?)");
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.$])([a-z_]\\w*(?:\\.[a-z_]\\w*)*)\\.([A-Z]\\w*)");
    private static final Pattern SIMPLE_CLASS = Pattern.compile("(?<![\\w.$])(" + String.join("|", FORBIDDEN_CLASSES) + ")\\b");
    private static final Pattern REFLECTION = Pattern.compile(
            "\\.\\s*(getClass|forName|getMethods?|getDeclaredMethods?|getFields?|getDeclaredFields?|getConstructors?"
                    + "|getDeclaredConstructors?|newInstance|setAccessible|invoke|invokeExact|getClassLoader"
                    + "|getModule|getRuntime|exec|exit|halt|loadLibrary|load)\\s*\\(|\\.\\s*class\\b");
    private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+\"([^\"]*)\"|^\\s*rule\\s+(\\S+)");
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)");

    private RuleSandbox() {
    }

    /** Every use of something rule files may not use, in every file of the rule set. */
    public static List<RuleProblem> check(RuleSet rules) {
        List<RuleProblem> problems = new ArrayList<>();
        for (RuleFile file : rules.files()) {
            check(file, problems);
        }
        return problems;
    }

    private static void check(RuleFile file, List<RuleProblem> problems) {
        String[] lines = codeOnly(file.text()).split("\n", -1);
        String ownPackage = null;
        String rule = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int number = i + 1;
            Matcher pkg = PACKAGE.matcher(line);
            if (pkg.find()) {
                ownPackage = pkg.group(1);
                continue;
            }
            Matcher ruleStart = RULE.matcher(file.text().split("\n", -1)[i]);
            if (ruleStart.find()) {
                rule = ruleStart.group(1) != null ? ruleStart.group(1) : ruleStart.group(2);
            }
            String where = rule == null ? "" : "in rule \"" + rule + "\": ";
            Matcher imported = IMPORT.matcher(line);
            if (imported.find()) {
                String target = imported.group(1);
                String className = target.endsWith(".*") ? null : target.substring(target.lastIndexOf('.') + 1);
                String packageName = target.endsWith(".*") ? target.substring(0, target.length() - 2)
                        : target.contains(".") ? target.substring(0, target.lastIndexOf('.')) : "";
                if (className != null && !className.isEmpty() && Character.isLowerCase(className.charAt(0))
                        && packageName.contains(".")) {
                    // a static import of a member, or a function: judge the class it comes from
                    className = packageName.substring(packageName.lastIndexOf('.') + 1);
                    packageName = packageName.substring(0, packageName.lastIndexOf('.'));
                }
                if (!allowed(packageName, className, ownPackage)) {
                    problems.add(problem(file, number, imported.start(1) + 1, where + "imports " + target));
                }
                continue;
            }
            Matcher qualified = QUALIFIED.matcher(line);
            while (qualified.find()) {
                String packageName = qualified.group(1);
                String root = packageName.contains(".") ? packageName.substring(0, packageName.indexOf('.')) : packageName;
                if (PACKAGE_ROOTS.contains(root) && !allowed(packageName, qualified.group(2), ownPackage)) {
                    problems.add(problem(file, number, qualified.start() + 1,
                            where + "uses " + packageName + "." + qualified.group(2)));
                }
            }
            Matcher simple = SIMPLE_CLASS.matcher(line);
            while (simple.find()) {
                problems.add(problem(file, number, simple.start() + 1, where + "uses " + simple.group(1)));
            }
            Matcher reflection = REFLECTION.matcher(line);
            while (reflection.find()) {
                String what = reflection.group(1) == null ? ".class" : reflection.group(1) + "(...)";
                problems.add(problem(file, number, reflection.start() + 1, where + "calls " + what));
            }
        }
    }

    private static boolean allowed(String packageName, String className, String ownPackage) {
        if (packageName.equals(ownPackage)) {
            return true;
        }
        for (String forbidden : FORBIDDEN_PACKAGES) {
            if (packageName.equals(forbidden) || packageName.startsWith(forbidden + ".")) {
                return false;
            }
        }
        if (packageName.equals("java.lang") && className != null && FORBIDDEN_CLASSES.contains(className)) {
            return false;
        }
        for (String allowed : ALLOWED_PACKAGES) {
            if (packageName.equals(allowed) || packageName.startsWith(allowed + ".")) {
                return true;
            }
        }
        return false;
    }

    private static RuleProblem problem(RuleFile file, int line, int column, String what) {
        return new RuleProblem(file.name(), line, column, what + ", which rule files may not use. Hint: rule files"
                + " may use the fact and decision types, java.math, java.time, java.util and java.lang, but not System,"
                + " Runtime, ProcessBuilder, Thread, ClassLoader or reflection.");
    }

    /** The text with comments and quoted text blanked out, keeping every line and column where it was. */
    static String codeOnly(String text) {
        StringBuilder code = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                while (i < n && text.charAt(i) != '\n') {
                    code.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                while (i < n && !(text.charAt(i) == '*' && i + 1 < n && text.charAt(i + 1) == '/')) {
                    code.append(text.charAt(i) == '\n' ? '\n' : ' ');
                    i++;
                }
                if (i < n) {
                    code.append("  ");
                    i += 2;
                }
            } else if (c == '"' || c == '\'') {
                char quote = c;
                code.append(quote);
                i++;
                while (i < n && text.charAt(i) != quote && text.charAt(i) != '\n') {
                    if (text.charAt(i) == '\\' && i + 1 < n) {
                        code.append("  ");
                        i += 2;
                    } else {
                        code.append(' ');
                        i++;
                    }
                }
                if (i < n && text.charAt(i) == quote) {
                    code.append(quote);
                    i++;
                }
            } else {
                code.append(c);
                i++;
            }
        }
        return code.toString();
    }
}
