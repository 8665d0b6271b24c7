package alipaykb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The compiler of the executable model's generated Java reads the application's class files once per process:
 * what it keeps must never let one compile see a class that its own allow-list hides, and must stay bounded.
 */
class GeneratedJavaCompilerTest {
    private static final String USES_THROWING_CALLS = """
            package rules;
            public class UsesThrowingCalls {
                public Object call() { return alipaykb.engine.ThrowingCalls.class; }
            }
            """;

    private static CompileTimeClassLoader visible(AllowList allowList) {
        return new CompileTimeClassLoader(allowList, GeneratedJavaCompilerTest.class.getClassLoader());
    }

    @Test
    void aClassOneAllowListShowsStaysHiddenFromACompileWhoseListHidesIt() {
        // Given a compile whose allow-list names ThrowingCalls, which read and kept its class file
        GeneratedJavaCompiler.Output wide = GeneratedJavaCompiler.compile(
                Map.of("rules/UsesThrowingCalls.java", USES_THROWING_CALLS),
                visible(AllowList.standardWith("alipaykb.engine.ThrowingCalls *")));
        assertThat(wide.errors()).isEmpty();
        assertThat(wide.classes()).containsKey("rules.UsesThrowingCalls");

        // When the same source compiles under the standard allow-list, which does not name it
        GeneratedJavaCompiler.Output standard = GeneratedJavaCompiler.compile(
                Map.of("rules/UsesThrowingCalls.java", USES_THROWING_CALLS), visible(AllowList.standard()));

        // Then the class does not exist for that compile
        assertThat(standard.classes()).isEmpty();
        assertThat(standard.errors()).anySatisfy(error -> assertThat(error).contains("ThrowingCalls"));
    }

    @Test
    void sourcesThatNameOneAnotherCompileTogether() {
        // Given two generated sources, one naming the other
        Map<String, String> sources = Map.of(
                "rules/First.java", "package rules; public class First { public Second next() { return new Second(); } }",
                "rules/Second.java", "package rules; public class Second { public java.math.BigDecimal amount() {"
                        + " return java.math.BigDecimal.ONE; } }");

        // When they compile
        GeneratedJavaCompiler.Output output = GeneratedJavaCompiler.compile(sources, visible(AllowList.standard()));

        // Then both classes are made, and nothing is wrong
        assertThat(output.errors()).isEmpty();
        assertThat(output.classes()).containsOnlyKeys("rules.First", "rules.Second");
    }

    @Test
    void classesThatDoNotExistAreNotKept() {
        // Given a source that names six thousand classes nobody has, after the classes every source names are kept
        GeneratedJavaCompiler.compile(Map.of("rules/Many.java", "package rules; public class Many { }"),
                visible(AllowList.standard()));
        int keptBefore = GeneratedJavaCompiler.kept();
        StringBuilder source = new StringBuilder("package rules; public class Many {\n");
        for (int i = 0; i < 6_000; i++) {
            source.append("  java.util.Missing").append(i).append(" field").append(i).append(";\n");
        }
        source.append("}\n");

        // When it compiles
        GeneratedJavaCompiler.Output output = GeneratedJavaCompiler.compile(Map.of("rules/Many.java", source.toString()),
                visible(AllowList.standard()));

        // Then it fails, naming them, and none of them is kept (only what reporting the errors reads)
        assertThat(output.errors()).anySatisfy(error -> assertThat(error).contains("Missing"));
        assertThat(GeneratedJavaCompiler.kept()).isLessThan(keptBefore + 100);
    }
}
