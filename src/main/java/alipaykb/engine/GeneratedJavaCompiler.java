package alipaykb.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jdt.core.compiler.CharOperation;
import org.eclipse.jdt.core.compiler.IProblem;
import org.eclipse.jdt.internal.compiler.ClassFile;
import org.eclipse.jdt.internal.compiler.Compiler;
import org.eclipse.jdt.internal.compiler.DefaultErrorHandlingPolicies;
import org.eclipse.jdt.internal.compiler.classfmt.ClassFileReader;
import org.eclipse.jdt.internal.compiler.classfmt.ClassFormatException;
import org.eclipse.jdt.internal.compiler.env.ICompilationUnit;
import org.eclipse.jdt.internal.compiler.env.INameEnvironment;
import org.eclipse.jdt.internal.compiler.env.NameEnvironmentAnswer;
import org.eclipse.jdt.internal.compiler.impl.CompilerOptions;
import org.eclipse.jdt.internal.compiler.lookup.LookupEnvironment;
import org.eclipse.jdt.internal.compiler.lookup.ModuleBinding;
import org.eclipse.jdt.internal.compiler.problem.DefaultProblemFactory;

/**
 * Compiles the Java sources that the executable model generates from rule files, with the Eclipse compiler, in
 * memory. The compiler sees classes only through a {@link CompileTimeClassLoader}, as it does through Drools' own
 * driver; unlike that driver, this one reads each class file the compiler asks for once per process, not once per
 * compile: an edit of one rule then pays for compiling that rule, not for reading and decoding again the hundreds
 * of class files (the executable model's DSL above all) that every rule's generated code names.
 *
 * <p>What is kept is the application's class files as the compiler decodes them, keyed by class name and read
 * only after the loader has said the class is visible: what one allow-list hides stays hidden whatever another
 * compile read. The application's classes do not change while the process runs, and a decoded class file is only
 * ever read once made. Only classes that exist are kept, bounded in count and bytes, so that a rule file naming
 * thousands of classes cannot make the process keep them.
 */
final class GeneratedJavaCompiler {
    /**
     * The most class files kept, and the most bytes of class files: the shipped rules name about 200 (under 2 MB),
     * and a rule folder naming every public class of Drools would otherwise keep some 3,000 (20 MB of heap).
     */
    static final int MAX_KEPT = 1_500;
    private static final long MAX_KEPT_BYTES = 16L * 1024 * 1024;
    /** A class file larger than this is read every time it is asked for. */
    private static final int MAX_CLASS_FILE_BYTES = 1024 * 1024;

    /** Decoded class files of the application, by class name. */
    private static final Map<String, ClassFileReader> KEPT = new ConcurrentHashMap<>();
    private static final AtomicLong KEPT_BYTES = new AtomicLong();

    private GeneratedJavaCompiler() {
    }

    /**
     * What a compile gives: every class file made, by binary class name, or the compiler's errors: their messages,
     * and each with the source and line it is at.
     */
    record Output(Map<String, byte[]> classes, List<String> errors, List<Problem> problems) {
    }

    /** An error of the compiler, at a line of one of the sources (1 for the first; 0 when it names none). */
    record Problem(String path, int line, String message) {
    }

    /** The compiler's options: those Drools' own driver sets, for Java 17 class files with debugging attributes. */
    private static final Map<String, String> OPTIONS = Map.of(
            CompilerOptions.OPTION_Source, "17",
            CompilerOptions.OPTION_TargetPlatform, "17",
            CompilerOptions.OPTION_Compliance, "17",
            CompilerOptions.OPTION_LineNumberAttribute, CompilerOptions.GENERATE,
            CompilerOptions.OPTION_LocalVariableAttribute, CompilerOptions.GENERATE,
            CompilerOptions.OPTION_SourceFileAttribute, CompilerOptions.GENERATE,
            CompilerOptions.OPTION_ReportDeprecation, CompilerOptions.IGNORE,
            CompilerOptions.OPTION_SuppressWarnings, CompilerOptions.DISABLED,
            CompilerOptions.OPTION_ReportUnusedImport, CompilerOptions.IGNORE,
            CompilerOptions.OPTION_Encoding, "UTF-8");

    /**
     * Compiles the sources together.
     *
     * @param sources each source's text, by its path ({@code a/b/C.java} for class {@code a.b.C})
     */
    static Output compile(Map<String, String> sources, CompileTimeClassLoader visible) {
        Map<String, Unit> units = new LinkedHashMap<>();
        sources.forEach((path, text) -> units.put(typeName(path), new Unit(path, text)));
        Map<String, byte[]> classes = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Compiler compiler = new Compiler(new Environment(units, classes, visible),
                DefaultErrorHandlingPolicies.proceedWithAllProblems(), new CompilerOptions(OPTIONS), result -> {
                    if (result.hasProblems()) {
                        for (IProblem problem : result.getProblems()) {
                            if (problem.isError()) {
                                errors.add(problem.getMessage());
                                char[] origin = problem.getOriginatingFileName();
                                problems.add(new Problem(origin == null ? null : new String(origin),
                                        Math.max(problem.getSourceLineNumber(), 0), problem.getMessage()));
                            }
                        }
                    }
                    if (!result.hasErrors()) {
                        for (ClassFile file : result.getClassFiles()) {
                            classes.put(CharOperation.toString(file.getCompoundName()), file.getBytes());
                        }
                    }
                }, new DefaultProblemFactory(java.util.Locale.ROOT));
        compiler.compile(units.values().toArray(new ICompilationUnit[0]));
        return new Output(classes, List.copyOf(errors), List.copyOf(problems));
    }

    /** The class a source path holds: {@code a/b/C.java} is {@code a.b.C}. */
    private static String typeName(String path) {
        String name = path.endsWith(".java") ? path.substring(0, path.length() - ".java".length()) : path;
        return name.replace('/', '.');
    }

    /** The types the compiler may find: those compiled now, then the visible ones of the application. */
    private record Environment(Map<String, Unit> units, Map<String, byte[]> compiled, CompileTimeClassLoader visible)
            implements INameEnvironment {
        @Override
        public NameEnvironmentAnswer findType(char[][] compoundTypeName) {
            return find(CharOperation.toString(compoundTypeName));
        }

        @Override
        public NameEnvironmentAnswer findType(char[] typeName, char[][] packageName) {
            String pkg = CharOperation.toString(packageName);
            return find(pkg.isEmpty() ? new String(typeName) : pkg + '.' + new String(typeName));
        }

        private NameEnvironmentAnswer find(String className) {
            byte[] made = compiled.get(className);
            if (made != null) {
                return new NameEnvironmentAnswer(decode(made, className), null);
            }
            Unit unit = units.get(className);
            if (unit != null) {
                return new NameEnvironmentAnswer(unit, null);
            }
            ClassFileReader reader = classFile(className, visible);
            return reader == null ? null : new NameEnvironmentAnswer(reader, null);
        }

        @Override
        public boolean isPackage(char[][] parentPackageName, char[] packageName) {
            String parent = CharOperation.toString(parentPackageName);
            String name = parent.isEmpty() ? new String(packageName) : parent + '.' + new String(packageName);
            return !units.containsKey(name) && classFile(name, visible) == null;
        }

        @Override
        public void cleanup() {
        }
    }

    /** The application's class of that name as the compiler reads it, or null when it has none or may not see it. */
    private static ClassFileReader classFile(String className, CompileTimeClassLoader visible) {
        if (!visible.visible(className)) {
            return null;
        }
        ClassFileReader kept = KEPT.get(className);
        if (kept != null) {
            return kept;
        }
        byte[] bytes = visible.applicationClassFile(className);
        if (bytes == null) {
            // not kept: names of no class (package names the compiler probes, or what a rule file makes up)
            return null;
        }
        ClassFileReader reader = decode(bytes, className);
        if (!CharOperation.equals(reader.getName(), className.replace('.', '/').toCharArray())) {
            // a file system that ignores case found another class's file under this name
            return null;
        }
        if (bytes.length <= MAX_CLASS_FILE_BYTES && KEPT.size() < MAX_KEPT
                && KEPT_BYTES.get() + bytes.length <= MAX_KEPT_BYTES && KEPT.putIfAbsent(className, reader) == null) {
            KEPT_BYTES.addAndGet(bytes.length);
        }
        return reader;
    }

    /** A class file decoded in full, so that nothing of it is read lazily later. */
    private static ClassFileReader decode(byte[] bytes, String className) {
        try {
            return new ClassFileReader(bytes, (className.replace('.', '/') + ".class").toCharArray(), true);
        } catch (ClassFormatException e) {
            throw new IllegalStateException("the class file of " + className + " cannot be read", e);
        }
    }

    /** How many class files are kept now. */
    static int kept() {
        return KEPT.size();
    }

    /** One generated source. */
    private record Unit(String path, String text) implements ICompilationUnit {
        @Override
        public char[] getContents() {
            return text.toCharArray();
        }

        @Override
        public char[] getMainTypeName() {
            int slash = path.lastIndexOf('/');
            int dot = path.lastIndexOf('.');
            return path.substring(slash + 1, dot > slash ? dot : path.length()).toCharArray();
        }

        @Override
        public char[][] getPackageName() {
            int slash = path.lastIndexOf('/');
            return slash < 0 ? CharOperation.NO_CHAR_CHAR : CharOperation.splitOn('/', path.substring(0, slash).toCharArray());
        }

        @Override
        public char[] getFileName() {
            return path.toCharArray();
        }

        /** Generated code is of no named module, and its warnings are of no interest. */
        @Override
        public boolean ignoreOptionalProblems() {
            return true;
        }

        @Override
        public char[] getModuleName() {
            return ModuleBinding.UNNAMED;
        }

        @Override
        public ModuleBinding module(LookupEnvironment environment) {
            return environment.getModule(ModuleBinding.UNNAMED);
        }
    }
}
