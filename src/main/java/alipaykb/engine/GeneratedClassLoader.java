package alipaykb.engine;

import java.util.Map;

/**
 * Loads the verified classes of one rule set, and nothing else: a name it does not hold goes to the
 * application's class loader, and a generated class may not take the name of a class that loader has.
 */
final class GeneratedClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> classes;

    GeneratedClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
        super("alipay-kb rules", parent);
        this.classes = Map.copyOf(classes);
        for (String name : classes.keySet()) {
            if (parent.getResource(name.replace('.', '/') + ".class") != null) {
                throw new IllegalStateException("the rules compile to a class named " + name
                        + ", which already exists: write package rules; at the top of each rule file");
            }
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }
}
