package alipaykb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * What a hostile compile can do to the process-wide cache of decoded class files: nothing. A
 * compile under a wider allow-list does not widen a later standard one; names that differ by case, carry a
 * '$' or are made up are not kept; naming every public Drools class keeps no more than the bound, and the
 * shipped kinds of source still compile afterwards.
 */
class HostileCompilesTest {
    private static CompileTimeClassLoader visible(AllowList allowList) {
        return new CompileTimeClassLoader(allowList, HostileCompilesTest.class.getClassLoader());
    }

    private static final String REACHES_OUT = """
            package rules;
            public class ReachesOut {
                Object a() { return new java.io.File("/"); }
                Object b() { return java.lang.reflect.Method.class; }
                Object c() { return java.util.concurrent.Executors.class; }
                Object d() { return java.util.Properties.class; }
            }
            """;

    @Test
    void aWiderCompileFirstDoesNotWidenAStandardOne() {
        // Given a compile whose allow-list shows four classes that reach outside, which it read and kept
        GeneratedJavaCompiler.Output wide = GeneratedJavaCompiler.compile(Map.of("rules/ReachesOut.java", REACHES_OUT),
                visible(AllowList.standardWith("java.io.File *\njava.lang.reflect.Method *\n"
                        + "java.util.concurrent.Executors *\njava.util.Properties *")));
        assertThat(wide.errors()).isEmpty();

        // When the same source compiles under the standard allow-list
        GeneratedJavaCompiler.Output standard = GeneratedJavaCompiler.compile(Map.of("rules/ReachesOut.java", REACHES_OUT),
                visible(AllowList.standard()));

        // Then none of the four exists for it
        assertThat(standard.classes()).isEmpty();
        assertThat(String.join("\n", standard.errors())).contains("java.io.File", "java.lang.reflect.Method",
                "java.util.concurrent.Executors", "java.util.Properties");
    }

    @Test
    void namesThatDifferByCaseOrDollarOrAreMadeUpAreNeitherFoundNorKept() {
        // Given a source naming classes by the wrong case, with '$', in Cyrillic, or a package as a type
        int before = GeneratedJavaCompiler.kept();
        String source = """
                package rules;
                public class Odd {
                    java.util.list a;
                    java.lang.Object.Foo b;
                    java.lang.Object$Foo c;
                    java.util.Lіst d;
                    java.util.concurrent e;
                }
                """;

        // When it compiles
        GeneratedJavaCompiler.Output output = GeneratedJavaCompiler.compile(Map.of("rules/Odd.java", source),
                visible(AllowList.standard()));

        // Then every one is an error, and none is kept
        assertThat(output.classes()).isEmpty();
        assertThat(output.errors()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(GeneratedJavaCompiler.kept()).isLessThan(before + 50);
    }

    @Test
    void namingEveryPublicDroolsClassStaysWithinTheBoundAndLaterCompilesStillWork() throws IOException {
        // Given sources that name every public class of Drools and KIE, 500 at a time, compiled in turn
        List<String> names = publicDroolsClasses();
        assertThat(names).hasSizeGreaterThan(1_000);
        for (int from = 0; from < names.size(); from += 500) {
            StringBuilder source = new StringBuilder("package rules; public class Fill { void f() {\n");
            for (int i = from; i < Math.min(names.size(), from + 500); i++) {
                source.append("  Object o").append(i).append(" = ").append(names.get(i)).append(".class;\n");
            }
            source.append("} }\n");
            GeneratedJavaCompiler.compile(Map.of("rules/Fill.java", source.toString()), visible(AllowList.standard()));
        }

        // Then no more class files are kept than the bound
        assertThat(GeneratedJavaCompiler.kept()).isLessThanOrEqualTo(GeneratedJavaCompiler.MAX_KEPT);

        // And when generated code of the shipped kind compiles afterwards, it still compiles
        GeneratedJavaCompiler.Output later = GeneratedJavaCompiler.compile(Map.of(
                "rules/First.java", "package rules; public class First { public Second next() { return new Second(); } }",
                "rules/Second.java", "package rules; public class Second { public java.math.BigDecimal amount(java.util.Map.Entry<String, String> e) {"
                        + " return java.math.BigDecimal.ONE.add(java.math.BigDecimal.TEN); } }"),
                visible(AllowList.standard()));
        assertThat(later.errors()).isEmpty();
        assertThat(later.classes()).containsOnlyKeys("rules.First", "rules.Second");
    }

    /** Every public top-level class of org.drools and org.kie on the class path, by the class file's flags. */
    private static List<String> publicDroolsClasses() throws IOException {
        List<String> names = new ArrayList<>();
        String classPath = System.getProperty("java.class.path");
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            if (!entry.endsWith(".jar") || !(entry.contains("drools") || entry.contains("kie"))) {
                continue;
            }
            try (JarFile jar = new JarFile(entry)) {
                for (var e : java.util.Collections.list(jar.entries())) {
                    String name = e.getName();
                    if (name.matches("org/(drools|kie)/[A-Za-z0-9_/]+\\.class") && !name.contains("package-info")) {
                        try (InputStream in = jar.getInputStream(e)) {
                            if (isPublicClass(in.readAllBytes())) {
                                names.add(name.substring(0, name.length() - 6).replace('/', '.'));
                            }
                        }
                    }
                }
            }
        }
        return names;
    }

    private static boolean isPublicClass(byte[] bytes) throws IOException {
        var in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes));
        in.readInt();
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> in.skipBytes(in.readUnsignedShort());
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++;
                }
                case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                default -> {
                    return false;
                }
            }
        }
        int access = in.readUnsignedShort();
        return (access & 0x0001) != 0 && (access & 0x2000) == 0;
    }
}
