package alipaykb.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.kie.api.KieBase;

/**
 * The one way rule files become a knowledge base, and the one place that says why they cannot. In
 * order, and nothing of the rule files runs before the last step:
 * <ol>
 *   <li>Drools' parser reads every file; {@link RuleStructure} judges what it read (imports, attributes,
 *       metadata, what a file declares);</li>
 *   <li>Drools' executable model compiles the files ({@link DroolsInternals#compileModel}) into Java bytecode:
 *       conditions, actions, functions and expressions alike;</li>
 *   <li>{@link BytecodeVerifier} checks every instruction of that bytecode against the {@link AllowList}
 *       and instruments what passes;</li>
 *   <li>only then are the classes loaded, in a class loader of their own, and the knowledge base built.</li>
 * </ol>
 * When compiling fails, Drools' other compiler is asked for its messages, which name the file, line
 * and rule; it only compiles, on files that passed the first step.
 */
final class RuleCompiler {
    /** The stack compiling runs on: deep enough for any rule a person writes, and a known size. */
    private static final long COMPILER_STACK = 64L * 1024 * 1024;

    private RuleCompiler() {
    }

    /**
     * The classes one rule file compiled to, verified: as compiled (what the cache keeps, and verifies again
     * when it reads them back) and as instrumented to run, with the names of their model classes and the
     * rule each class belongs to.
     */
    record Checked(Map<String, byte[]> compiled, Map<String, byte[]> classes, List<String> models,
                   Map<String, String> ruleOfClass) {
    }

    /** Files this process checked last, by name and text: an edit, or a probe, recompiles only its own file. */
    private static final RecentFiles<Checked> RECENT = new RecentFiles<>(32);

    /**
     * Parses, judges, compiles and verifies a rule set, file by file; runs none of it. Each file compiles on
     * its own (what it declares is its own), so a file the cache holds is not compiled again.
     *
     * @param cache where checked files are kept between runs, or null
     * @throws RuleCompilationException with every problem found, in every file
     */
    static List<Checked> check(RuleSet rules, RuleCatalog catalog, AllowList allowList, CompiledRulesCache cache) {
        List<RuleProblem> problems = new ArrayList<>();
        catalog.syntaxErrors().values().forEach(problems::addAll);
        problems.addAll(RuleStructure.check(catalog, allowList));
        // A file with a syntax error or a refused declaration is set aside; the others are still compiled,
        // so that their problems are found too. None of them runs.
        Set<String> setAside = new HashSet<>();
        problems.forEach(problem -> setAside.add(problem.file()));
        List<RuleFile> compilable = rules.files().stream().filter(file -> !setAside.contains(file.name())).toList();
        List<Object> outcomes = RuleFiles.inParallel(compilable,
                file -> checkFile(file, rules.origin(), catalog, allowList, cache));
        List<Checked> checked = new ArrayList<>();
        for (Object outcome : outcomes) {
            if (outcome instanceof Checked file) {
                checked.add(file);
            } else {
                problems.addAll(((RuleCompilationException) outcome).problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleCompilationException(sorted(problems.stream().map(problem -> placed(problem, catalog))
                    .distinct().toList()));
        }
        return checked;
    }

    /** A problem in a known file but at no known line is placed at its rule's first line, else the file's. */
    private static RuleProblem placed(RuleProblem problem, RuleCatalog catalog) {
        if (problem.file() == null || problem.line() > 0) {
            return problem;
        }
        int line = catalog.ruleNamedIn(problem.message()).filter(rule -> rule.file().equals(problem.file()))
                .map(RuleInfo::line).orElse(1);
        return new RuleProblem(problem.file(), line, 0, problem.message());
    }

    /** One file checked: from this process's memory, from the cache, or compiled; or why it cannot be. */
    private static Object checkFile(RuleFile file, String origin, RuleCatalog catalog, AllowList allowList,
                                    CompiledRulesCache cache) {
        boolean standard = allowList == AllowList.standard();
        Checked cached = standard ? RECENT.get(file) : null;
        if (cached == null && standard && cache != null) {
            cached = cache.load(file, catalog);
        }
        if (cached != null) {
            RECENT.put(file, cached);
            if (standard && cache != null && !cache.holds(file)) {
                cache.store(file, cached);
            }
            return cached;
        }
        try {
            Checked compiled;
            // One file is compiled at a time (the executable model's generator keeps shared caches); the
            // others are read and verified meanwhile.
            synchronized (COMPILING) {
                compiled = compile(file, origin, catalog, allowList);
            }
            if (standard) {
                RECENT.put(file, compiled);
                if (cache != null) {
                    cache.store(file, compiled);
                }
            }
            return compiled;
        } catch (RuleCompilationException e) {
            return e;
        }
    }

    private static final Object COMPILING = new Object();

    private static Checked compile(RuleFile file, String origin, RuleCatalog catalog, AllowList allowList) {
        DroolsInternals.ModelOutput output;
        try {
            output = onOwnStack(() -> DroolsInternals.compileModel(List.of(file),
                    new CompileTimeClassLoader(allowList, RuleCompiler.class.getClassLoader())));
        } catch (OutOfMemoryError e) {
            throw new RuleCompilationException(List.of(new RuleProblem(file.name(), 1, 0, "the file took more memory to"
                    + " compile than there is. Hint: split long rules and expressions into simpler ones.")));
        } catch (RuntimeException | LinkageError e) {
            // The compiler gave up on something in this file without saying where: ask the other compiler,
            // which names the line when it can.
            List<RuleProblem> located = onOwnStack(() -> problems(RuleSet.of(origin, List.of(file))));
            if (located != null && !located.isEmpty() && located.stream().noneMatch(RuleCompiler::unexplained)) {
                throw new RuleCompilationException(located);
            }
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
            String first = message.lines().findFirst().orElse(message).replaceAll("\\.+$", "");
            throw new RuleCompilationException(List.of(new RuleProblem(file.name(), 1, 0, "the file could not be"
                    + " compiled: " + first + ". Hint: compare numbers with"
                    + " numbers and texts with texts, and check the names of fields and types.")));
        }
        if (output == null) {
            throw new RuleCompilationException(List.of(new RuleProblem(file.name(), 1, 0, "the file nests too deeply"
                    + " to be compiled. Hint: split long conditions and expressions into simpler ones.")));
        }
        if (output.failed()) {
            throw new RuleCompilationException(compileProblems(RuleSet.of(origin, List.of(file)), catalog, output));
        }
        return verified(output.classes(), output.models(), catalog, allowList, file.name());
    }

    /**
     * Verifies compiled classes, from the compiler or from the cache alike.
     *
     * @throws RuleCompilationException naming every member the rules may not use
     */
    static Checked verified(Map<String, byte[]> classes, List<String> models, RuleCatalog catalog, AllowList allowList,
                            String file) {
        return verified(classes, models, catalog, allowList, file, false);
    }

    /** As above; the jar's own compiled rules are instrumented but not verified again. */
    static Checked verified(Map<String, byte[]> classes, List<String> models, RuleCatalog catalog, AllowList allowList,
                            String file, boolean shippedInJar) {
        BytecodeVerifier.Result result = new BytecodeVerifier(allowList, RuleCompiler.class.getClassLoader())
                .verify(classes, shippedInJar);
        if (!result.passed()) {
            throw new RuleCompilationException(sorted(result.violations().stream()
                    .map(violation -> locate(violation, result.ruleOfClass(), catalog, file)).distinct().toList()));
        }
        return new Checked(Map.copyOf(classes), result.classes(), List.copyOf(models), Map.copyOf(result.ruleOfClass()));
    }

    /**
     * Loads the verified classes of each file in a class loader of its own, and builds the knowledge base
     * from their models.
     */
    static KieBase newKieBase(List<Checked> files, RuleCatalog catalog) {
        return newKieBase(files, catalog, null);
    }

    /** The same, with only the rules whose names {@code keep} accepts (every rule when it is null). */
    static KieBase newKieBase(List<Checked> files, RuleCatalog catalog, java.util.function.Predicate<String> keep) {
        List<Object> models = new ArrayList<>();
        for (Checked checked : files) {
            models.addAll(LOADED.computeIfAbsent(checked, RuleCompiler::load));
        }
        return DroolsInternals.newKieBase(models, name -> catalog.rule(name).map(RuleInfo::file).orElse(null), keep);
    }

    /**
     * The models of the files compiled last, loaded: a file that did not change keeps its classes and models
     * from one knowledge base to the next, as the same verified bytes would load into the same classes. Kept
     * while the compiled file is (the key is weak).
     */
    private static final Map<Checked, List<Object>> LOADED = java.util.Collections.synchronizedMap(
            new java.util.WeakHashMap<>());

    /** Loads the verified classes of one file in a class loader of its own, and makes its models. */
    private static List<Object> load(Checked checked) {
        GeneratedClassLoader loader = new GeneratedClassLoader(checked.classes(), RuleCompiler.class.getClassLoader());
        List<Object> models = new ArrayList<>();
        for (String name : checked.models()) {
            try {
                models.add(loader.loadClass(name).getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("the compiled rules hold no model " + name, e);
            }
        }
        return List.copyOf(models);
    }

    private static <T> T onOwnStack(java.util.function.Supplier<T> work) {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(null, () -> {
            try {
                result[0] = work.get();
            } catch (StackOverflowError e) {
                result[0] = null;
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "alipay-kb rule compiler", COMPILER_STACK);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling the rules", e);
        }
        if (failure[0] instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure[0] instanceof Error error) {
            throw error;
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    /** A violation at the rule (or function) its class came from, at the line of the member it names. */
    private static RuleProblem locate(BytecodeVerifier.Violation violation, Map<String, String> ruleOfClass,
                                      RuleCatalog catalog, String file) {
        String className = violation.className().replace('/', '.');
        String method = violation.method();
        if (method != null && method.startsWith("lambda$") && method.split("\\$").length > 2) {
            // a lambda's body is reported where the lambda is written
            method = method.split("\\$")[1];
        }
        String rule = ruleOfClass.get(className + "#" + violation.method());
        if (rule == null) {
            rule = ruleOfClass.get(className);
        }
        if (rule == null && className.contains("$")) {
            // a class declared inside rule code belongs where its host does
            String host = className.substring(0, className.indexOf('$'));
            rule = ruleOfClass.getOrDefault(host + "#" + violation.method(), ruleOfClass.get(host));
        }
        String token = violation.member() == null ? null : simpleName(violation.member());
        String what = violation.what();
        if (rule != null) {
            Optional<RuleInfo> info = catalog.rule(rule);
            if (info.isPresent()) {
                int[] at = findInRule(catalog.text(info.get().file()), info.get().line(), token);
                return new RuleProblem(info.get().file(), at[0], at[1], message("in rule \"" + rule + "\": ", what, violation));
            }
        }
        for (Map.Entry<String, PackageDescr> entry : catalog.packages().entrySet()) {
            for (FunctionDescr function : entry.getValue().getFunctions()) {
                if (function.getName().equals(method)) {
                    int[] at = findInRule(catalog.text(entry.getKey()), function.getLine(), token);
                    return new RuleProblem(entry.getKey(), at[0], at[1],
                            message("in function " + function.getName() + ": ", what, violation));
                }
            }
        }
        return new RuleProblem(file, file == null ? 0 : 1, 0, message("", what, violation));
    }

    private static String message(String prefix, String what, BytecodeVerifier.Violation violation) {
        if (violation.member() != null) {
            return prefix + what + ", which rule files may not use. Hint: rule files may use the fact and decision"
                    + " types and the members listed in README.md, under \"Rule files are code\".";
        }
        return prefix + what + ", which rule code may not do. Hint: rule code runs straight through: no loops,"
                + " recursion, try/catch, locks or arrays; a rule that must repeat is a rule that fires again.";
    }

    private static String simpleName(String member) {
        String name = member.endsWith(" (new)") ? member.substring(0, member.length() - 6) : member;
        int dot = name.lastIndexOf('.');
        String last = dot < 0 ? name : name.substring(dot + 1);
        if (member.endsWith(" (new)")) {
            return last;
        }
        return last;
    }

    /** The line and column where a name first appears in a rule's (or function's) text, else its first line. */
    private static int[] findInRule(String text, int line, String token) {
        if (text == null || line <= 0) {
            return new int[] {Math.max(line, 0), 0};
        }
        String[] lines = text.split("\n", -1);
        if (token != null) {
            for (int i = line - 1; i < lines.length; i++) {
                if (i > line - 1 && (lines[i].strip().startsWith("rule ") || lines[i].strip().startsWith("function "))) {
                    break;
                }
                int at = lines[i].indexOf(token);
                if (at >= 0) {
                    return new int[] {i + 1, at + 1};
                }
            }
        }
        return new int[] {line, 1};
    }

    /** What a failed compile means to an analyst: Drools' other compiler names file, line and rule. */
    private static List<RuleProblem> compileProblems(RuleSet rules, RuleCatalog catalog,
                                                     DroolsInternals.ModelOutput output) {
        List<RuleProblem> classic = onOwnStack(() -> problems(rules));
        if (classic != null && !classic.isEmpty() && classic.stream().noneMatch(RuleCompiler::unexplained)) {
            return classic;
        }
        List<RuleProblem> problems = new ArrayList<>();
        for (DroolsInternals.BuildMessage error : output.builderErrors()) {
            problems.add(ModelDiagnostics.translate(error, catalog));
        }
        for (String error : output.javaErrors()) {
            problems.add(ModelDiagnostics.translate(error, rules.files().size() == 1 ? rules.files().get(0).name() : null));
        }
        return sorted(problems.stream().distinct().toList());
    }

    private static boolean unexplained(RuleProblem problem) {
        return problem.file() == null && problem.message().startsWith("the rules do not compile");
    }

    private static List<RuleProblem> sorted(List<RuleProblem> problems) {
        return problems.stream()
                .sorted(Comparator.comparing(RuleProblem::file, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparingInt(RuleProblem::line).thenComparingInt(RuleProblem::column))
                .toList();
    }

    /**
     * Every problem of a rule set that does not compile, in an analyst's words. A file that does not
     * parse is set aside and the others compiled again, so that their problems are found too.
     */
    static List<RuleProblem> problems(RuleSet rules) {
        RuleCatalog catalog = RuleCatalog.read(rules);
        List<RuleProblem> problems = new ArrayList<>();
        catalog.syntaxErrors().values().forEach(problems::addAll);
        Set<String> brokenTypes = new HashSet<>();
        catalog.declaredTypes().forEach((type, file) -> {
            if (catalog.syntaxErrors().containsKey(file)) {
                brokenTypes.add(type);
            }
        });
        List<RuleFile> parsed = rules.files().stream()
                .filter(file -> !catalog.syntaxErrors().containsKey(file.name())).toList();
        // It sees only what the executable model sees: a class a rule names but may not use is not there.
        CompileTimeClassLoader visible = new CompileTimeClassLoader(AllowList.standard(),
                RuleCompiler.class.getClassLoader());
        for (DroolsInternals.BuildMessage message : DroolsInternals.classicCompilerMessages(parsed, visible, catalog::text)) {
            RuleProblem problem = Diagnostics.translate(message.file(), message.line(), message.column(), message.text(),
                    catalog, brokenTypes);
            if (problem != null) {
                problems.add(problem);
            }
        }
        if (problems.isEmpty()) {
            problems.add(new RuleProblem(null, 0, 0, "the rules do not compile, for a reason Drools did not give"));
        }
        return sorted(withoutFollowOns(problems).stream().distinct().toList());
    }

    /** A rule with an unknown fact type also fails on the variables that pattern binds: those follow from it. */
    private static List<RuleProblem> withoutFollowOns(List<RuleProblem> problems) {
        Set<String> unknownTypeIn = new HashSet<>();
        for (RuleProblem problem : problems) {
            int at = problem.message().indexOf("\": unknown fact type");
            if (problem.message().startsWith("in rule \"") && at > 0) {
                unknownTypeIn.add(problem.message().substring(0, at));
            }
        }
        return problems.stream().filter(problem -> !((problem.message().contains("cannot be resolved to a variable")
                || problem.message().contains("is not bound in the rule's conditions"))
                && unknownTypeIn.stream().anyMatch(rule -> problem.message().startsWith(rule + "\""))))
                .toList();
    }
}
