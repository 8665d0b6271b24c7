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
    /** Classes of java.lang and java.util that rule files may not use, qualified or not. */
    private static final Set<String> FORBIDDEN_CLASSES = Set.of(
            "System", "Runtime", "ProcessBuilder", "Process", "ProcessHandle", "Thread", "ThreadGroup",
            "ThreadLocal", "InheritableThreadLocal", "ClassLoader", "Class", "Module", "ModuleLayer", "StackWalker",
            "SecurityManager", "Compiler", "ScopedValue", "Formatter", "Timer", "TimerTask", "Scanner",
            "ServiceLoader", "ResourceBundle", "PropertyResourceBundle", "ListResourceBundle", "Properties");
    /** The roots of package names, to tell a fully qualified class name from a chain of field reads. */
    private static final Set<String> PACKAGE_ROOTS = Set.of(
            "java", "javax", "jdk", "sun", "com", "org", "net", "io", "alipaykb", "kotlin", "scala", "groovy");
    /** Methods that reach for reflection, processes or the JVM itself. */
    private static final Set<String> FORBIDDEN_METHODS = Set.of(
            "getClass", "forName", "getMethod", "getMethods", "getDeclaredMethod", "getDeclaredMethods", "getField",
            "getFields", "getDeclaredField", "getDeclaredFields", "getConstructor", "getConstructors",
            "getDeclaredConstructor", "getDeclaredConstructors", "newInstance", "setAccessible", "invoke",
            "invokeExact", "getClassLoader", "getModule", "getRuntime", "exec", "exit", "halt", "loadLibrary", "load");

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z_$][\\w$]*|\\.|\\*|\\(|\\S");
    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u+[0-9a-fA-F]{4}");
    private static final Pattern RULE = Pattern.compile("(?m)^\\s*rule\\s+(?:\"([^\"]*)\"|(\\S+))");

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

    private record Token(String text, int at) {
    }

    private static void check(RuleFile file, List<RuleProblem> problems) {
        String text = file.text();
        // Java reads unicode escapes before anything else, even in comments: a rule file has no need of them.
        Matcher escape = UNICODE_ESCAPE.matcher(text);
        while (escape.find()) {
            problems.add(problem(file, escape.start(), "holds the unicode escape " + escape.group()
                    + "; write the character itself"));
        }
        String code = codeOnly(text);
        List<Token> tokens = new ArrayList<>();
        Matcher token = TOKEN.matcher(code);
        while (token.find()) {
            tokens.add(new Token(token.group(), token.start()));
        }
        String ownPackage = null;
        for (int i = 0; i < tokens.size(); i++) {
            Token current = tokens.get(i);
            boolean member = i > 0 && tokens.get(i - 1).text().equals(".");
            if (member) {
                if (FORBIDDEN_METHODS.contains(current.text()) && i + 1 < tokens.size()
                        && tokens.get(i + 1).text().equals("(")) {
                    problems.add(problem(file, tokens.get(i - 1).at(), "calls " + current.text() + "(...)"));
                } else if (current.text().equals("class")) {
                    problems.add(problem(file, tokens.get(i - 1).at(), "uses .class"));
                }
                continue;
            }
            if (!isIdentifier(current.text())) {
                continue;
            }
            int end = i;
            List<String> chain = new ArrayList<>(List.of(current.text()));
            while (end + 2 < tokens.size() && tokens.get(end + 1).text().equals(".")
                    && (isIdentifier(tokens.get(end + 2).text()) || tokens.get(end + 2).text().equals("*"))) {
                chain.add(tokens.get(end + 2).text());
                end += 2;
            }
            String previous = i > 0 ? tokens.get(i - 1).text() : "";
            if (previous.equals("package")) {
                ownPackage = String.join(".", chain);
            } else if (previous.equals("import") || previous.equals("static") || previous.equals("function")
                    || previous.equals("accumulate")) {
                checkImport(file, current.at(), chain, ownPackage, problems);
            } else if (chain.size() > 1 && PACKAGE_ROOTS.contains(chain.get(0))) {
                checkQualified(file, current.at(), chain, ownPackage, problems);
            } else if (FORBIDDEN_CLASSES.contains(current.text())) {
                problems.add(problem(file, current.at(), "uses " + current.text()));
            }
        }
    }

    private static boolean isIdentifier(String token) {
        return !token.isEmpty() && (Character.isLetter(token.charAt(0)) || token.charAt(0) == '_' || token.charAt(0) == '$');
    }

    private static void checkImport(RuleFile file, int at, List<String> chain, String ownPackage,
                                    List<RuleProblem> problems) {
        String target = String.join(".", chain);
        int firstClass = firstClass(chain);
        String packageName = String.join(".", chain.subList(0, firstClass < 0 ? chain.size() - 1 : firstClass));
        String className = firstClass < 0 ? null : chain.get(firstClass);
        if (chain.get(chain.size() - 1).equals("*") && firstClass < 0) {
            packageName = String.join(".", chain.subList(0, chain.size() - 1));
        }
        if (!allowed(packageName, className, ownPackage)) {
            problems.add(problem(file, at, "imports " + target));
        }
    }

    private static void checkQualified(RuleFile file, int at, List<String> chain, String ownPackage,
                                       List<RuleProblem> problems) {
        int firstClass = firstClass(chain);
        if (firstClass < 0) {
            return;
        }
        String packageName = String.join(".", chain.subList(0, firstClass));
        if (!allowed(packageName, chain.get(firstClass), ownPackage)) {
            problems.add(problem(file, at, "uses " + packageName + "." + chain.get(firstClass)));
        }
    }

    private static int firstClass(List<String> chain) {
        for (int i = 0; i < chain.size(); i++) {
            if (!chain.get(i).isEmpty() && Character.isUpperCase(chain.get(i).charAt(0))) {
                return i;
            }
        }
        return -1;
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
        if ((packageName.equals("java.lang") || packageName.equals("java.util")) && className != null
                && FORBIDDEN_CLASSES.contains(className)) {
            return false;
        }
        for (String allowed : ALLOWED_PACKAGES) {
            if (packageName.equals(allowed) || packageName.startsWith(allowed + ".")) {
                return true;
            }
        }
        return false;
    }

    private static RuleProblem problem(RuleFile file, int offset, String what) {
        String text = file.text();
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        String rule = null;
        Matcher rules = RULE.matcher(text);
        while (rules.find() && rules.start() <= offset) {
            rule = rules.group(1) != null ? rules.group(1) : rules.group(2);
        }
        return new RuleProblem(file.name(), line, offset - lineStart + 1, (rule == null ? "" : "in rule \"" + rule + "\": ")
                + what + ", which rule files may not use. Hint: rule files may use the fact and decision types,"
                + " java.math, java.time, java.util and java.lang, but not System, Runtime, ProcessBuilder, Thread,"
                + " ClassLoader, files or reflection.");
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
