package alipaykb.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.drools.base.InitialFact;
import org.drools.base.base.ClassObjectType;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.drools.base.rule.LineMappings;
import org.drools.codegen.common.GeneratedFile;
import org.drools.compiler.builder.impl.KnowledgeBuilderConfigurationImpl;
import org.drools.compiler.builder.impl.KnowledgeBuilderImpl;
import org.drools.compiler.compiler.DescrBuildError;
import org.drools.compiler.compiler.PackageRegistry;
import org.drools.core.common.InternalAgendaGroup;
import org.drools.core.common.InternalWorkingMemoryEntryPoint;
import org.drools.core.common.TruthMaintenanceSystemFactory;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.parser.DrlExprParser;
import org.drools.drl.parser.DrlExprParserFactory;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.drools.drl.parser.ParserError;
import org.drools.model.EntryPoint;
import org.drools.model.Global;
import org.drools.model.Model;
import org.drools.model.Query;
import org.drools.model.TypeMetaData;
import org.drools.model.codegen.execmodel.ModelBuilderImpl;
import org.drools.model.codegen.execmodel.PackageSources;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;
import org.kie.api.builder.Message;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.AgendaGroup;
import org.kie.internal.builder.CompositeKnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.conf.LanguageLevelOption;
import org.kie.internal.io.ResourceFactory;

/**
 * The one door to Drools below its public API. Everything else in alipay-kb uses {@code kie-api}
 * (knowledge bases, sessions, matches, events) and reads the parsed form of rule files
 * ({@code org.drools.drl.ast.descr}, the tree Drools' own compilers are given); every call into Drools'
 * parser, compilers and rule definitions is here, and each says why {@code kie-api} does not suffice.
 * What goes out is alipay-kb's own: bytes, texts, lines, {@link Message}s.
 *
 * <p>The public API builds a knowledge base from rule files in one step ({@code KieHelper},
 * {@code KieBuilder}): it compiles and loads the rules' classes together, so their bytecode could not
 * be checked before it runs. It cannot parse a file without compiling it, so {@code check} could not
 * judge a file before any of it compiles; and it names a Java error in a rule's actions at the rule's
 * first line. Hence the parser, the executable model's code generator with the in-memory Java compiler,
 * and the classic compiler's line mappings, here.
 */
final class DroolsInternals {
    /** Where rule files go inside a build: the folder matches the rules' DRL package. */
    static final String RULES_PATH = "rules/";
    /** The metadata key under which a compiled rule carries the name of its file. */
    static final String FILE_KEY = "alipaykb.file";

    private DroolsInternals() {
    }

    /** A message of Drools' parser or compilers, placed in a rule file where Drools knew where. */
    record BuildMessage(String file, int line, int column, String text) {
    }

    /**
     * One rule file as Drools' DRL parser read it: its tree, or null, and its syntax errors; or why the
     * parser gave up on it altogether.
     */
    record ParsedFile(PackageDescr descr, List<BuildMessage> errors, String failure) {
    }

    /**
     * Parses one rule file and compiles none of it ({@code kie-api} has no parser of its own: its
     * builders parse and compile in one go).
     */
    static ParsedFile parse(String file, String text) {
        DrlParser parser = new DrlParser();
        PackageDescr descr;
        try {
            descr = parser.parse(false, text);
        } catch (DroolsParserException e) {
            return new ParsedFile(null, List.of(), e.getMessage());
        }
        List<BuildMessage> errors = new ArrayList<>();
        for (DroolsError error : parser.getErrors()) {
            int line = 0;
            int column = 0;
            if (error instanceof ParserError parserError) {
                line = parserError.getRow();
                column = parserError.getCol() + 1;
            } else if (error.getLines() != null && error.getLines().length > 0) {
                line = error.getLines()[0];
            }
            errors.add(new BuildMessage(file, line, column, error.getMessage()));
        }
        return new ParsedFile(descr, List.copyOf(errors), null);
    }

    /**
     * One condition's expression as Drools' expression parser reads it, or null when it does not parse:
     * the comparisons, their operators and literals, as the compilers will see them.
     */
    static ConstraintConnectiveDescr parseCondition(String expression) {
        DrlExprParser parser = DrlExprParserFactory.getDrlExprParser(LanguageLevelOption.DRL6);
        ConstraintConnectiveDescr parsed = parser.parse(expression);
        return parser.hasErrors() ? null : parsed;
    }

    /**
     * Where a function's body does not parse as the executable model reads it, as {@code {line, column, found}} with
     * the line and column in the body (1 for the first, counted as the parser does: it reads the body after a line
     * of its own, so that the body's first line is 2), or null when it parses. The model's compile throws on such a
     * body before it reports anything of the file.
     */
    static Object[] functionSyntaxError(String body) {
        try {
            org.drools.model.codegen.execmodel.generator.DrlxParseUtil.parseBlock(body);
            return null;
        } catch (com.github.javaparser.ParseProblemException e) {
            for (com.github.javaparser.Problem problem : e.getProblems()) {
                var range = problem.getLocation().flatMap(com.github.javaparser.TokenRange::toRange);
                String found = FOUND.matcher(problem.getMessage()).results().map(m -> m.group(1)).findFirst().orElse("");
                return new Object[] {range.map(r -> r.begin.line).orElse(1), range.map(r -> r.begin.column).orElse(1),
                        found};
            }
            return new Object[] {1, 1, ""};
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static final java.util.regex.Pattern FOUND = java.util.regex.Pattern.compile("Found \"([^\"]*)\"");

    /** What the executable model made of some rule files: classes as bytes, the model classes' names, or errors. */
    record ModelOutput(Map<String, byte[]> classes, List<String> models, List<BuildMessage> builderErrors,
                       List<JavaError> javaErrors) {
        boolean failed() {
            return !builderErrors.isEmpty() || !javaErrors.isEmpty();
        }
    }

    /**
     * An error of the Java compiler in the code the executable model generated, with what of that code can be
     * found in a rule file again: the static method it is in (a rule file's function is generated as one of
     * that name), and the line of code itself, without its indentation; null for what is not known.
     */
    record JavaError(String message, String method, String code) {
    }

    /** A static method's declaration in generated code: its name is the group. */
    private static final java.util.regex.Pattern STATIC_METHOD =
            java.util.regex.Pattern.compile("^\\s*public static [^=;(]*?\\b(\\w+)\\s*\\(");

    /** An error of the generated code, with the method it is in and its line of code. */
    private static JavaError javaError(GeneratedJavaCompiler.Problem problem, Map<String, String> sources) {
        String text = problem.path() == null ? null : sources.get(problem.path());
        if (text == null || problem.line() <= 0) {
            return new JavaError(problem.message(), null, null);
        }
        String[] lines = text.split("\n", -1);
        if (problem.line() > lines.length) {
            return new JavaError(problem.message(), null, null);
        }
        String method = null;
        for (int i = problem.line() - 1; i >= 0 && method == null; i--) {
            java.util.regex.Matcher declared = STATIC_METHOD.matcher(lines[i]);
            if (declared.find()) {
                method = declared.group(1);
            } else if (i < problem.line() - 1 && lines[i].startsWith("    }")) {
                break;
            }
        }
        return new JavaError(problem.message(), method, lines[problem.line() - 1].strip());
    }

    /**
     * Compiles rule files with the executable model into bytecode, in memory, loading none of it
     * ({@code kie-api}'s builders load what they compile). The thread's context class loader is the
     * given one while it runs: Drools looks classes up there too.
     */
    static ModelOutput compileModel(List<RuleFile> files, CompileTimeClassLoader visible) {
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        thread.setContextClassLoader(visible);
        try {
            KnowledgeBuilderConfigurationImpl configuration = KnowledgeBuilderFactory
                    .newKnowledgeBuilderConfiguration(visible)
                    .as(KnowledgeBuilderConfigurationImpl.KEY);
            ModelBuilderImpl<PackageSources> builder = new ModelBuilderImpl<>(PackageSources::dumpSources,
                    configuration, null, false);
            CompositeKnowledgeBuilder batch = builder.batch();
            for (RuleFile file : files) {
                batch.add(ResourceFactory.newByteArrayResource(file.text().getBytes(StandardCharsets.UTF_8))
                        .setSourcePath(RULES_PATH + file.name()), ResourceType.DRL);
            }
            batch.build();
            if (builder.hasErrors()) {
                List<BuildMessage> errors = new ArrayList<>();
                for (KnowledgeBuilderError error : builder.getErrors()) {
                    String path = error.getResource() == null ? null : error.getResource().getSourcePath();
                    int line = error.getLines() != null && error.getLines().length > 0 ? error.getLines()[0] : -1;
                    errors.add(new BuildMessage(fileOf(path), line, 0, error.getMessage()));
                }
                return new ModelOutput(Map.of(), List.of(), List.copyOf(errors), List.of());
            }
            List<GeneratedFile> generated = new ArrayList<>();
            List<String> models = new ArrayList<>();
            for (PackageSources sources : builder.getPackageSources()) {
                sources.collectGeneratedFiles(generated);
                models.addAll(sources.getModelNames());
            }
            Map<String, String> sources = new LinkedHashMap<>();
            for (GeneratedFile file : generated) {
                sources.put(file.path().toString().replace(java.io.File.separatorChar, '/'),
                        new String(file.contents(), StandardCharsets.UTF_8));
            }
            GeneratedJavaCompiler.Output result = GeneratedJavaCompiler.compile(sources, visible);
            if (!result.errors().isEmpty()) {
                return new ModelOutput(Map.of(), List.of(), List.of(),
                        result.problems().stream().map(problem -> javaError(problem, sources)).toList());
            }
            Map<String, byte[]> classes = result.classes();
            return new ModelOutput(classes, models, List.of(), List.of());
        } finally {
            thread.setContextClassLoader(context);
        }
    }

    /**
     * A knowledge base from the executable model's model classes, already loaded. The model does not keep
     * which file a rule came from ({@code kie-api}'s rules have no setter for it), so each rule is given
     * its file's name under {@link #FILE_KEY}, in metadata a rule file cannot set: it is written last.
     */
    static KieBase newKieBase(List<Object> models, Function<String, String> fileOfRule) {
        return newKieBase(models, fileOfRule, null);
    }

    /** The same, with only the rules whose names {@code keep} accepts (every rule when it is null). */
    static KieBase newKieBase(List<Object> models, Function<String, String> fileOfRule, Predicate<String> keep) {
        List<Model> typed = new ArrayList<>();
        for (Object model : models) {
            typed.add(keep == null ? (Model) model : new KeptRules((Model) model, keep));
        }
        KieBase kieBase = KieBaseBuilder.createKieBaseFromModel(typed);
        // Written for every rule, over whatever a rule file wrote under the same key.
        kieBase.getKiePackages().forEach(pkg -> pkg.getRules().forEach(rule ->
                ((RuleImpl) rule).addMetaAttribute(FILE_KEY, fileOfRule.apply(rule.getName()))));
        return kieBase;
    }

    /** A model seen with only some of its rules. */
    private record KeptRules(Model model, Predicate<String> keep) implements Model {
        @Override
        public String getName() {
            return model.getName();
        }

        @Override
        public String getPackageName() {
            return model.getPackageName();
        }

        @Override
        public List<Global> getGlobals() {
            return model.getGlobals();
        }

        @Override
        public List<org.drools.model.Rule> getRules() {
            return model.getRules().stream().filter(rule -> keep.test(rule.getName())).toList();
        }

        @Override
        public List<Query> getQueries() {
            return model.getQueries();
        }

        @Override
        public List<TypeMetaData> getTypeMetaDatas() {
            return model.getTypeMetaDatas();
        }

        @Override
        public List<EntryPoint> getEntryPoints() {
            return model.getEntryPoints();
        }
    }

    /**
     * Drops what Drools' truth maintenance holds for a session's entry points. Drools keeps it in a map of its own,
     * for the whole process, until the session is reset: a session disposed without a reset (one not pooled) or
     * never disposed (one stopped in the middle of a rule) would otherwise stay reachable from there, with every
     * fact and partial match it holds.
     */
    static void forgetTruthMaintenance(KieSession session) {
        if (!TruthMaintenanceSystemFactory.present()) {
            return;
        }
        for (org.kie.api.runtime.rule.EntryPoint entryPoint : session.getEntryPoints()) {
            if (entryPoint instanceof InternalWorkingMemoryEntryPoint internal) {
                TruthMaintenanceSystemFactory.get().clearTruthMaintenanceSystem(internal);
            }
        }
    }

    /**
     * Makes an agenda group keep the focus when it holds no match, instead of handing it on: the run comes to
     * rest there, and the groups below it on the focus stack (the main one included) are never evaluated.
     */
    static void keepFocusWhenEmpty(AgendaGroup group) {
        ((InternalAgendaGroup) group).setAutoDeactivate(false);
    }

    /**
     * One file's model made of its last whole compile and its edited rules compiled alone: the rules in the
     * order the file now writes them (among rules of equal salience, the order decides), each from the edited
     * rules when there, else from the whole compile. What else a model holds (globals, queries, entry points,
     * the types' metadata) is the whole compile's, as the rest of the file is the same; the edited rules'
     * type metadata is added where the whole compile has none for a type. The model's own interface is all a
     * knowledge base reads of it.
     */
    static Object patchedModel(List<Object> whole, java.util.Set<String> replaced, List<Object> edited,
                               List<String> order) {
        Map<String, org.drools.model.Rule> rules = new java.util.HashMap<>();
        List<org.drools.model.TypeMetaData> types = new ArrayList<>();
        java.util.Set<Class<?>> typed = new java.util.HashSet<>();
        List<org.drools.model.Global> globals = new ArrayList<>();
        List<org.drools.model.Query> queries = new ArrayList<>();
        List<org.drools.model.EntryPoint> entryPoints = new ArrayList<>();
        for (Object model : whole) {
            Model typedModel = (Model) model;
            typedModel.getRules().stream().filter(rule -> !replaced.contains(rule.getName()))
                    .forEach(rule -> rules.putIfAbsent(rule.getName(), rule));
            typedModel.getTypeMetaDatas().stream().filter(type -> typed.add(type.getType())).forEach(types::add);
            globals.addAll(typedModel.getGlobals());
            queries.addAll(typedModel.getQueries());
            entryPoints.addAll(typedModel.getEntryPoints());
        }
        for (Object model : edited) {
            Model typedModel = (Model) model;
            typedModel.getRules().forEach(rule -> rules.put(rule.getName(), rule));
            typedModel.getTypeMetaDatas().stream().filter(type -> typed.add(type.getType())).forEach(types::add);
        }
        List<org.drools.model.Rule> ordered = new ArrayList<>();
        order.forEach(name -> {
            org.drools.model.Rule rule = rules.remove(name);
            if (rule != null) {
                ordered.add(rule);
            }
        });
        if (!rules.isEmpty()) {
            throw new IllegalStateException("compiled rules the file does not write: " + rules.keySet());
        }
        Model first = (Model) whole.get(0);
        return new Model() {
            @Override
            public String getName() {
                return first.getName();
            }

            @Override
            public String getPackageName() {
                return first.getPackageName();
            }

            @Override
            public List<org.drools.model.Global> getGlobals() {
                return globals;
            }

            @Override
            public List<org.drools.model.Rule> getRules() {
                return ordered;
            }

            @Override
            public List<org.drools.model.Query> getQueries() {
                return queries;
            }

            @Override
            public List<org.drools.model.TypeMetaData> getTypeMetaDatas() {
                return types;
            }

            @Override
            public List<org.drools.model.EntryPoint> getEntryPoints() {
                return entryPoints;
            }
        };
    }

    /**
     * The phase a compiled rule belongs to: its ruleflow group, else its agenda group, else none ({@code kie-api}'s
     * rules do not show either), as the rule file states it.
     */
    static String phaseOf(Rule rule) {
        if (!(rule instanceof RuleImpl impl)) {
            return null;
        }
        if (impl.getRuleFlowGroup() != null && !impl.getRuleFlowGroup().isEmpty()) {
            return impl.getRuleFlowGroup();
        }
        return impl.isMainAgendaGroup() ? null : impl.getAgendaGroup();
    }

    /**
     * Whether a compiled rule has no conditions at all, and so inserts the same facts in every decision
     * ({@code kie-api}'s rules do not show their conditions).
     */
    static boolean hasNoConditions(Rule rule) {
        if (!(rule instanceof RuleImpl impl) || impl.hasNamedConsequences()) {
            return false;
        }
        // The executable model gives such a rule one pattern: Drools' own start-up fact, always there.
        List<RuleConditionElement> conditions = impl.getLhs().getChildren();
        return conditions.isEmpty() || conditions.size() == 1 && conditions.get(0) instanceof Pattern pattern
                && pattern.getConstraints().isEmpty() && pattern.getSource() == null
                && pattern.getObjectType() instanceof ClassObjectType type
                && InitialFact.class.isAssignableFrom(type.getClassType());
    }

    /**
     * The messages of Drools' classic compiler on some rule files, for their words only: it names the file,
     * line and rule of a problem, which the executable model's compiler often does not. A Java error in a
     * rule's actions is placed at its own line, through the compiler's line mappings. Nothing built here is
     * ever run.
     */
    static List<BuildMessage> classicCompilerMessages(List<RuleFile> files, ClassLoader visible,
                                                      Function<String, String> textOfFile) {
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        thread.setContextClassLoader(visible);
        try {
            KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(
                    KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(visible));
            for (RuleFile file : files) {
                // The path inside the build matches the rules' DRL package, and names the file in messages.
                builder.add(ResourceFactory.newByteArrayResource(file.text().getBytes(StandardCharsets.UTF_8))
                        .setSourcePath(RULES_PATH + file.name()), ResourceType.DRL);
            }
            List<BuildMessage> messages = new ArrayList<>();
            long id = 0;
            for (KnowledgeBuilderError error : builder.getErrors()) {
                Message message = error.asMessage(id++);
                String file = fileOf(message.getPath());
                messages.add(new BuildMessage(file, actionLine(builder, error, message.getLine(), textOfFile.apply(file)),
                        Math.max(message.getColumn(), 0), message.getText()));
            }
            return messages;
        } finally {
            thread.setContextClassLoader(context);
        }
    }

    /**
     * The rule-file line of a Java error in a rule's actions. Drools names the rule's first line; the Java
     * compiler names a line of the class Drools generated, and the line mappings say where the actions start
     * in both. Else the line Drools gave.
     */
    private static int actionLine(KnowledgeBuilder builder, KnowledgeBuilderError error, int ruleLine,
                                  String fileText) {
        if (!(error instanceof DescrBuildError built)
                || !(built.getObject() instanceof org.kie.internal.jci.CompilationProblem[] found)
                || found.length == 0 || !(builder instanceof KnowledgeBuilderImpl impl)) {
            return ruleLine;
        }
        String generated = found[0].getFileName();
        String className = generated.replace('/', '.').replaceFirst("\\.java$", "");
        PackageRegistry registry = impl.getPackageRegistry(className.substring(0, Math.max(className.lastIndexOf('.'), 0)));
        LineMappings mapping = registry == null ? null
                : registry.getDialectRuntimeRegistry().getLineMappings(className);
        if (mapping == null) {
            return ruleLine;
        }
        // The generated method opens at the mapping's offset; the actions' text starts three lines below it,
        // from the first line after "then" that is not blank.
        int line = mapping.getStartLine() + blankLinesAfter(fileText, mapping.getStartLine())
                + found[0].getStartLine() - mapping.getOffset() - ACTION_LINES_BELOW_OFFSET;
        return line > ruleLine ? line : ruleLine;
    }

    private static final int ACTION_LINES_BELOW_OFFSET = 3;

    private static int blankLinesAfter(String text, int line) {
        String[] lines = text == null ? new String[0] : text.split("\n", -1);
        int blank = 0;
        while (line + blank < lines.length && lines[line + blank].isBlank()) {
            blank++;
        }
        return blank;
    }

    /** A rule file's name from its path inside a build. */
    private static String fileOf(String path) {
        String file = path;
        for (String prefix : List.of("src/main/resources/", RULES_PATH)) {
            if (file != null && file.startsWith(prefix)) {
                file = file.substring(prefix.length());
            }
        }
        return file;
    }
}
