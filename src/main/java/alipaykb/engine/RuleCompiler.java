package alipaykb.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
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
                   Map<String, String> ruleOfClass, Outline outline, Checked base, Set<String> replaced) {
        Checked(Map<String, byte[]> compiled, Map<String, byte[]> classes, List<String> models,
                Map<String, String> ruleOfClass, Outline outline) {
            this(compiled, classes, models, ruleOfClass, outline, null, Set.of());
        }

        /**
         * Whether these classes are the whole file's. An edit of some rules of a file compiles those rules only:
         * its classes hold them, and the rest comes from the file's last whole compile (its base), less the
         * rules the edit replaced. Such a file is never written to the cache.
         */
        boolean whole() {
            return base == null;
        }
    }

    /**
     * What one rule file declares, in the order written: its rules' names and its functions' names. It is kept
     * with the file's classes, so that a file read back from memory or the cache needs no parsing to take its
     * place among the others: to order a decision's rules, to credit a rule's file, and to find two files
     * claiming one name.
     */
    record Outline(String file, List<String> rules, List<String> functions) {
        Outline {
            rules = List.copyOf(rules);
            functions = List.copyOf(functions);
        }

        /** A file's outline as the catalog read it. */
        static Outline of(String file, RuleCatalog catalog) {
            PackageDescr descr = catalog.packages().get(file);
            return new Outline(file, catalog.rules().stream().filter(rule -> rule.file().equals(file))
                    .map(RuleInfo::name).toList(),
                    descr == null ? List.of() : descr.getFunctions().stream().map(FunctionDescr::getName).toList());
        }
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
        return check(rules, () -> catalog, allowList, cache);
    }

    /**
     * As above, reading the catalog only when it is needed: a rule set whose every file this process or the
     * cache checked before, and whose files claim no name twice, is not parsed at all.
     */
    static List<Checked> check(RuleSet rules, Supplier<RuleCatalog> lazyCatalog, AllowList allowList,
                               CompiledRulesCache cache) {
        Supplier<RuleCatalog> once = once(lazyCatalog);
        List<Checked> known = checkedBefore(rules, once, allowList, cache);
        return known != null ? known : checkAll(rules, once.get(), allowList, cache);
    }

    /**
     * Every file of the set as checked before, in this process or by the cache, when each was and no two claim
     * one rule's or function's name; else null. Such a file passed every check of its own when it was kept,
     * and what files claim together is judged here from their outlines. What it finds is remembered, so that
     * the full check that follows a miss does not read the cache again.
     */
    private static List<Checked> checkedBefore(RuleSet rules, Supplier<RuleCatalog> catalog, AllowList allowList,
                                               CompiledRulesCache cache) {
        if (allowList != AllowList.standard()) {
            return null;
        }
        List<Checked> found = new ArrayList<>();
        Set<String> ruleNames = new HashSet<>();
        Set<String> functionNames = new HashSet<>();
        boolean whole = true;
        for (RuleFile file : rules.files()) {
            Checked checked = known(file, catalog, cache);
            if (checked == null || !checked.outline().file().equals(file.name())) {
                whole = false;
                continue;
            }
            for (String rule : checked.outline().rules()) {
                whole &= ruleNames.add(rule);
            }
            for (String function : checked.outline().functions()) {
                whole &= functionNames.add(function);
            }
            found.add(checked);
        }
        return whole ? found : null;
    }

    /** A supplier that asks the given one once, when first asked. */
    private static <T> Supplier<T> once(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    /** Parses, judges, compiles and verifies every file not known already. */
    private static List<Checked> checkAll(RuleSet rules, RuleCatalog catalog, AllowList allowList,
                                          CompiledRulesCache cache) {
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
        Checked cached = standard ? known(file, () -> catalog, cache) : null;
        if (cached != null) {
            return cached;
        }
        try {
            Checked compiled;
            // One file is compiled at a time (the executable model's generator keeps shared caches); the
            // others are read and verified meanwhile.
            synchronized (COMPILING) {
                compiled = standard ? editedRulesOnly(file, origin, catalog) : null;
                if (compiled == null) {
                    compiled = compile(file, origin, catalog, allowList);
                }
            }
            if (standard) {
                remember(file, compiled);
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

    /**
     * Compiles one rule of a rule set and throws the result away: the compilers load and warm up, so that the
     * first edit is not the one that waits for them. Nothing compiled here is verified, loaded or run, and
     * nothing it meets is reported.
     */
    static void warmUp(RuleSet rules) {
        try {
            RuleCatalog catalog = RuleCatalog.read(rules);
            for (RuleFile file : rules.files()) {
                PackageDescr descr = catalog.packages().get(file.name());
                Map<String, int[]> spans = descr == null ? null : ruleSpans(descr, file.text());
                if (spans == null || spans.isEmpty()) {
                    continue;
                }
                String first = spans.keySet().iterator().next();
                synchronized (COMPILING) {
                    onOwnStack(() -> DroolsInternals.compileModel(List.of(onlyRules(file, spans, first::equals)),
                            new CompileTimeClassLoader(AllowList.standard(), RuleCompiler.class.getClassLoader())));
                }
                return;
            }
        } catch (RuntimeException | LinkageError e) {
            // Only a warm-up: the edit that follows compiles and reports as ever.
        }
    }

    /**
     * A file as this process or the cache checked it before (standard allow-list only), or null: remembered for
     * the next build, and written to the cache when the cache does not hold it yet.
     */
    private static Checked known(RuleFile file, Supplier<RuleCatalog> catalog, CompiledRulesCache cache) {
        Checked checked = RECENT.get(file);
        if (checked == null && cache != null) {
            checked = cache.load(file, catalog);
        }
        if (checked != null) {
            remember(file, checked);
            if (cache != null && !cache.holds(file)) {
                cache.store(file, checked);
            }
        }
        return checked;
    }

    /** Keeps a file's checked classes for the next build in this process (standard allow-list only). */
    private static void remember(RuleFile file, Checked checked) {
        RECENT.put(file, checked);
        if (checked.whole()) {
            WHOLE.put(file.name(), new WholeFile(file.text(), checked));
        }
    }

    /** A file's text and its classes, as last compiled whole. */
    private record WholeFile(String text, Checked checked) {
    }

    /** The last whole compile of each file, by name, for the files compiled last. */
    private static final Map<String, WholeFile> WHOLE = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, WholeFile> eldest) {
                    return size() > 32;
                }
            });

    /**
     * An edit that changed some rules of a file whose whole compile is at hand: those rules compiled alone, on
     * the rest of the file as it stands (package, imports, functions), with the file's last whole compile for
     * the rules that did not change. Null, and the file is compiled whole, when anything but rules changed,
     * the file has queries or rules that extend others, most of its rules changed, or the rules alone do not
     * compile (the whole file then says why, as it would have).
     */
    private static Checked editedRulesOnly(RuleFile file, String origin, RuleCatalog catalog) {
        WholeFile before = WHOLE.get(file.name());
        PackageDescr now = catalog.packages().get(file.name());
        if (before == null || before.text().equals(file.text()) || now == null) {
            return null;
        }
        PackageDescr then = RuleCatalog.parsedAlone(new RuleFile(file.name(), file.location(), before.text()));
        Map<String, int[]> spansNow = ruleSpans(now, file.text());
        Map<String, int[]> spansThen = then == null ? null : ruleSpans(then, before.text());
        if (spansNow == null || spansThen == null
                || !withoutRules(file.text(), spansNow).equals(withoutRules(before.text(), spansThen))) {
            return null;
        }
        Set<String> replaced = new java.util.LinkedHashSet<>();
        spansNow.forEach((rule, at) -> {
            int[] was = spansThen.get(rule);
            if (was == null || !file.text().substring(at[0], at[1]).equals(before.text().substring(was[0], was[1]))) {
                replaced.add(rule);
            }
        });
        spansThen.keySet().stream().filter(rule -> !spansNow.containsKey(rule)).forEach(replaced::add);
        if (replaced.isEmpty() || replaced.size() * 2 > spansNow.size()) {
            return null;
        }
        Checked edited;
        try {
            edited = compile(onlyRules(file, spansNow, replaced::contains), origin, catalog, AllowList.standard());
        } catch (RuleCompilationException e) {
            return null;
        }
        Map<String, String> ruleOfClass = new java.util.HashMap<>(edited.ruleOfClass());
        before.checked().ruleOfClass().forEach(ruleOfClass::putIfAbsent);
        return new Checked(edited.compiled(), edited.classes(), edited.models(), Map.copyOf(ruleOfClass),
                edited.outline(), before.checked(), Set.copyOf(replaced));
    }

    /**
     * A file with only some of its rules: every other rule is blanked out line for line, so that lines and
     * columns stay the file's.
     */
    private static RuleFile onlyRules(RuleFile file, Map<String, int[]> spans, java.util.function.Predicate<String> kept) {
        char[] text = file.text().toCharArray();
        spans.forEach((rule, at) -> {
            if (!kept.test(rule)) {
                for (int i = at[0]; i < at[1]; i++) {
                    if (text[i] != '\n' && text[i] != '\r') {
                        text[i] = ' ';
                    }
                }
            }
        });
        return new RuleFile(file.name(), file.location(), new String(text));
    }

    /**
     * Where each rule of a file is written, from {@code rule} to its {@code end}; null when the file has
     * queries or rules that extend others (which tie rules together), or a rule's place is not plain.
     */
    private static Map<String, int[]> ruleSpans(PackageDescr descr, String text) {
        Map<String, int[]> spans = new java.util.LinkedHashMap<>();
        for (org.drools.drl.ast.descr.RuleDescr rule : descr.getRules()) {
            int start = rule.getStartCharacter();
            int end = rule.getEndCharacter();
            if (rule.isQuery() || rule.getParentName() != null || start < 0 || end <= start || end > text.length()
                    || !text.startsWith("rule", start) || !text.startsWith("end", end - 3)
                    || spans.put(rule.getName(), new int[] {start, end}) != null) {
                return null;
            }
        }
        return spans;
    }

    /**
     * What, besides its rules, a file says: the text between its rules, each stretch without the blank space
     * around it, so that a rule deleted or added between two others leaves it as it was.
     */
    private static String withoutRules(String text, Map<String, int[]> spans) {
        StringBuilder rest = new StringBuilder();
        int from = 0;
        for (int[] at : spans.values().stream().sorted(Comparator.comparingInt(span -> span[0])).toList()) {
            if (at[0] < from) {
                return null;
            }
            stretch(rest, text.substring(from, at[0]));
            from = at[1];
        }
        stretch(rest, text.substring(from));
        return rest.toString();
    }

    private static void stretch(StringBuilder rest, String between) {
        String said = between.strip();
        if (!said.isEmpty()) {
            rest.append(said).append('\u0000');
        }
    }

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
        return verified(output.classes(), output.models(), Outline.of(file.name(), catalog), () -> catalog, allowList);
    }

    /**
     * Verifies compiled classes, from the compiler or from the cache alike, and instruments what passes. The
     * catalog is read only to place a violation.
     *
     * @throws RuleCompilationException naming every member the rules may not use
     */
    static Checked verified(Map<String, byte[]> classes, List<String> models, Outline outline,
                            Supplier<RuleCatalog> catalog, AllowList allowList) {
        BytecodeVerifier.Result result = new BytecodeVerifier(allowList, RuleCompiler.class.getClassLoader())
                .verify(classes);
        if (!result.passed()) {
            RuleCatalog read = catalog.get();
            throw new RuleCompilationException(sorted(result.violations().stream()
                    .map(violation -> locate(violation, result.ruleOfClass(), read, outline.file())).distinct().toList()));
        }
        return new Checked(Map.copyOf(classes), result.classes(), List.copyOf(models), Map.copyOf(result.ruleOfClass()),
                outline);
    }

    /**
     * Loads the verified classes of each file in a class loader of its own, and builds the knowledge base
     * from their models.
     */
    static KieBase newKieBase(List<Checked> files) {
        return newKieBase(files, null);
    }

    /** The same, with only the rules whose names {@code keep} accepts (every rule when it is null). */
    static KieBase newKieBase(List<Checked> files, java.util.function.Predicate<String> keep) {
        List<Object> models = new ArrayList<>();
        Map<String, String> fileOfRule = new java.util.HashMap<>();
        // Each file's classes are defined in a loader of their own, so files load side by side.
        List<List<Object>> loaded = RuleFiles.inParallel(files, checked -> {
            List<Object> known = LOADED.get(checked);
            if (known == null) {
                List<Object> made = load(checked);
                known = LOADED.putIfAbsent(checked, made);
                return known != null ? known : made;
            }
            return known;
        });
        for (int i = 0; i < files.size(); i++) {
            Checked checked = files.get(i);
            models.addAll(loaded.get(i));
            checked.outline().rules().forEach(rule -> fileOfRule.putIfAbsent(rule, checked.outline().file()));
        }
        return DroolsInternals.newKieBase(models, fileOfRule::get, keep);
    }

    /**
     * The models of the files compiled last, loaded: a file that did not change keeps its classes and models
     * from one knowledge base to the next, as the same verified bytes would load into the same classes. Kept
     * while the compiled file is (the key is weak).
     */
    private static final Map<Checked, List<Object>> LOADED = java.util.Collections.synchronizedMap(
            new java.util.WeakHashMap<>());

    /**
     * Loads the verified classes of one file in a class loader of its own, and makes its models; a file whose
     * edited rules alone were compiled takes the rest from its base, less the rules it replaces.
     */
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
        if (!checked.whole()) {
            List<Object> base = LOADED.get(checked.base());
            if (base == null) {
                base = load(checked.base());
                LOADED.putIfAbsent(checked.base(), base);
            }
            return List.of(DroolsInternals.patchedModel(base, checked.replaced(), models, checked.outline().rules()));
        }
        return List.copyOf(models);
    }

    private static <T> T onOwnStack(java.util.function.Supplier<T> work) {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(null, () -> {
            try {
                result[0] = CompilerActivity.during(work);
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
        Map<String, RuleProblem> inFunctions = functionProblems(output, catalog);
        boolean functionsUnread = classic != null && classic.stream().anyMatch(RuleCompiler::blindToThrowable);
        if (classic != null && (!inFunctions.isEmpty() || functionsUnread)) {
            // The other compiler fails on the functions for a reason of its own (the classes that java.lang.Throwable
            // names, hidden from it), and then on every rule that calls them: the error placed in the function, or
            // the executable model's own error, says what is wrong instead.
            Set<String> failed = new HashSet<>(inFunctions.keySet());
            if (inFunctions.isEmpty()) {
                catalog.packages().values().forEach(pkg -> pkg.getFunctions().forEach(f -> failed.add(f.getName())));
            }
            List<RuleProblem> problems = new ArrayList<>(inFunctions.values());
            classic.stream().filter(problem -> !followsFromFunctions(problem, failed, catalog))
                    .filter(problem -> !unexplained(problem) && !blindToThrowable(problem)).forEach(problems::add);
            if (inFunctions.isEmpty()) {
                output.builderErrors().forEach(error -> problems.add(ModelDiagnostics.translate(error, catalog)));
            }
            if (!problems.isEmpty()) {
                return sorted(problems.stream().distinct().toList());
            }
        }
        if (classic != null && !classic.isEmpty() && classic.stream().noneMatch(RuleCompiler::unexplained)) {
            return classic;
        }
        List<RuleProblem> problems = new ArrayList<>();
        for (DroolsInternals.BuildMessage error : output.builderErrors()) {
            problems.add(ModelDiagnostics.translate(error, catalog));
        }
        for (DroolsInternals.JavaError error : output.javaErrors()) {
            problems.add(ModelDiagnostics.translate(error.message(),
                    rules.files().size() == 1 ? rules.files().get(0).name() : null));
        }
        return sorted(problems.stream().distinct().toList());
    }

    /**
     * The executable model's Java errors that lie in a function of a rule file, each placed at its line there, by
     * the function's name: a function is generated as a static method of its name, its code as written.
     */
    private static Map<String, RuleProblem> functionProblems(DroolsInternals.ModelOutput output, RuleCatalog catalog) {
        Map<String, RuleProblem> found = new java.util.LinkedHashMap<>();
        for (DroolsInternals.JavaError error : output.javaErrors()) {
            if (error.method() == null || found.containsKey(error.method())) {
                continue;
            }
            for (Map.Entry<String, PackageDescr> entry : catalog.packages().entrySet()) {
                for (FunctionDescr function : entry.getValue().getFunctions()) {
                    if (function.getName().equals(error.method())) {
                        int[] at = findInRule(catalog.text(entry.getKey()), function.getLine(),
                                error.code() == null || error.code().isEmpty() ? null : error.code());
                        found.put(function.getName(), new RuleProblem(entry.getKey(), at[0], at[1],
                                "in function " + function.getName() + ": " + ModelDiagnostics.firstLine(error.message())
                                        .replaceAll(" for the type Rules[0-9a-f]{32}\\b", "")
                                        + ". Hint: a function is Java: check its types, names and return value."));
                    }
                }
            }
        }
        return found;
    }

    /**
     * Whether a message of the other compiler follows from an error in one of these functions: its own failure on
     * the function, a rule's failure to import the class the functions are compiled to, or an expression that
     * calls the function, which cannot be resolved since the function did not compile. Such an expression is
     * reported again, if anything else is wrong with it, once the function compiles.
     */
    private static boolean followsFromFunctions(RuleProblem problem, Set<String> functions, RuleCatalog catalog) {
        String message = problem.message();
        for (String function : functions) {
            boolean called = java.util.regex.Pattern.compile("(?<![\\w$])" + java.util.regex.Pattern.quote(function + "("))
                    .matcher(message).find() || message.contains("no field '" + function + "'");
            if (called || message.contains("[ function " + function)) {
                return true;
            }
            for (PackageDescr pkg : catalog.packages().values()) {
                String holder = pkg.getName() + "." + Character.toUpperCase(function.charAt(0)) + function.substring(1);
                if (message.contains("Error importing : '" + holder + ".") || message.contains("The import " + holder + " ")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A message of the other compiler that only says it could not see a class java.lang.Throwable names. */
    private static boolean blindToThrowable(RuleProblem problem) {
        return problem.message().contains("It is indirectly referenced from required type java.");
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
