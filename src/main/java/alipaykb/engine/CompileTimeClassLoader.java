package alipaykb.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * What the compilers may see while they turn a rule file into bytecode. Drools' executable model
 * resolves the names a rule file writes, and reads a static field it takes for a constant, which runs
 * that class's static initialiser before anything is verified. Through this loader it finds only the
 * classes a rule may name (those of the {@link AllowList}, the Java packages of numbers, dates, text and
 * collections) and the engine's own: any other class, a library's or the JDK's, does not exist for it,
 * so naming one is a compile error, and nothing of it runs.
 */
final class CompileTimeClassLoader extends ClassLoader {
    /** Packages whose classes the compilers may resolve, besides the classes the allow-list names. */
    private static final List<String> PACKAGES = List.of(
            "java.lang.", "java.util.", "java.math.", "java.time.", "org.drools.", "org.kie.");
    /** Subpackages of those that hold nothing a rule or the generated code needs. */
    private static final List<String> HIDDEN = List.of(
            "java.lang.reflect.", "java.lang.management.", "java.lang.instrument.", "java.lang.ref.",
            "java.lang.module.", "java.util.concurrent.", "java.util.logging.", "java.util.prefs.", "java.util.jar.",
            "java.util.zip.", "java.util.spi.", "java.util.random.", "java.util.stream.", "java.util.regex.");
    /** Single classes of those packages a rule or the generated code has no use for, that reach outside. */
    private static final List<String> HIDDEN_CLASSES = List.of(
            "java.util.Timer", "java.util.Scanner", "java.util.ServiceLoader", "java.util.ResourceBundle",
            "java.util.PropertyResourceBundle", "java.util.Properties", "java.util.prefs");

    private final AllowList allowList;
    private final ClassLoader application;

    CompileTimeClassLoader(AllowList allowList, ClassLoader application) {
        super("alipay-kb compile time", null);
        this.allowList = allowList;
        this.application = application;
    }

    boolean visible(String className) {
        if (allowList.names(className) || className.equals("java.io.Serializable")) {
            return true;
        }
        if (HIDDEN_CLASSES.stream().anyMatch(className::equals) || HIDDEN.stream().anyMatch(className::startsWith)) {
            return false;
        }
        return PACKAGES.stream().anyMatch(className::startsWith);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!visible(name)) {
            throw new ClassNotFoundException(name);
        }
        return application.loadClass(name);
    }

    @Override
    public URL getResource(String name) {
        return visibleResource(name) ? application.getResource(name) : null;
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return visibleResource(name) ? application.getResources(name) : Collections.emptyEnumeration();
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        return visibleResource(name) ? application.getResourceAsStream(name) : null;
    }

    /**
     * The class file of a visible class, as the application's loader holds it, or null when the class is not
     * visible or the application has none of that name.
     */
    byte[] applicationClassFile(String className) {
        if (!visible(className)) {
            return null;
        }
        try (InputStream in = application.getResourceAsStream(className.replace('.', '/') + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("the class file of " + className + " cannot be read", e);
        }
    }

    private boolean visibleResource(String name) {
        if (!name.endsWith(".class")) {
            // configuration the engine reads about itself (META-INF/kie.conf and the like)
            return name.startsWith("META-INF/") || name.startsWith("org/drools/") || name.startsWith("org/kie/");
        }
        return visible(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
    }
}
