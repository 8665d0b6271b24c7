package alipaykb.robustness;

import alipaykb.testsupport.Commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import alipaykb.engine.KnowledgeBase;
import alipaykb.engine.RuleCompilationException;
import alipaykb.engine.RuleFile;
import alipaykb.engine.RuleProblem;
import alipaykb.engine.RuleSandbox;
import alipaykb.engine.RuleSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/**
 * Rule files are code: a rule file that reaches outside the policy (the process, files, the network,
 * reflection, threads) is refused before it is compiled, by the library and by {@code check}, with its
 * file and line. Every hostile file here compiles with Drools alone, so the refusal is the sandbox's.
 */
class RuleSandboxTest {
    private static final String HOSTILE = "hostile.drl";
    private static final String NOT_ALLOWED = "which rule files may not use";

    /**
     * A hostile rule file.
     *
     * @param needle the text on the (first) line that must be reported
     * @param words  what the report must name
     * @param span   on how many lines from the needle's the report may be, for what is written over several
     */
    record Hostile(String name, String text, String needle, String words, int span) {
        Hostile(String name, String text, String needle, String words) {
            this(name, text, needle, words, 1);
        }

        @Override
        public String toString() {
            return name;
        }

        int line() {
            List<String> lines = text.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(needle)) {
                    return i + 1;
                }
            }
            throw new AssertionError(needle + " is not in " + text);
        }

        boolean reportedOn(int line) {
            return line >= line() && line < line() + span;
        }

        /** The line numbers a report may name, as a regular expression. */
        String linePattern() {
            return String.join("|", IntStream.range(line(), line() + span).mapToObj(String::valueOf).toList());
        }
    }

    private static String ruleFile(String imports, String actions) {
        return "package rules;\n\nimport alipaykb.facts.User;\n" + imports + "\n"
                + "rule \"A hostile rule\"\n"
                + "    @source(\"seed\")\n"
                + "when\n"
                + "    User()\n"
                + "then\n"
                + "    " + actions + "\n"
                + "end\n";
    }

    private static Hostile actions(String name, String actions, String words) {
        return new Hostile(name, ruleFile("", actions), actions.lines().findFirst().orElseThrow(), words);
    }

    private static Hostile imported(String name, String imports, String actions, String words) {
        return new Hostile(name, ruleFile(imports, actions), imports.lines().findFirst().orElseThrow(), words);
    }

    static Stream<Hostile> hostileRuleFiles() {
        return Stream.of(
                actions("System.exit", "System.exit(0);", "System"),
                actions("Runtime.exec", "Runtime.getRuntime().exec(\"touch /tmp/owned-by-a-rule\");", "Runtime"),
                actions("java.nio.file.Files reads a file",
                        "insert( java.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/passwd\")) );",
                        "java.nio.file.Files"),
                imported("java.nio.file.Files imported", "import java.nio.file.Files;\nimport java.nio.file.Paths;",
                        "insert( Files.readAllLines(Paths.get(\"/etc/passwd\")) );", "java.nio.file.Files"),
                actions("java.io.File reads a file",
                        "insert( Boolean.valueOf(new java.io.File(\"/etc/passwd\").exists()) );", "java.io.File"),
                imported("java.io.File imported", "import java.io.File;",
                        "insert( Boolean.valueOf(new File(\"/etc/passwd\").exists()) );", "java.io.File"),
                actions("java.net.Socket opens a socket", "new java.net.Socket(\"example.com\", 80).close();",
                        "java.net.Socket"),
                imported("java.net.Socket imported", "import java.net.Socket;",
                        "new Socket(\"example.com\", 80).close();", "java.net.Socket"),
                actions("reflection through getClass().getMethod(...).invoke",
                        "insert( \"x\".getClass().getMethod(\"length\").invoke(\"x\") );", "getClass"),
                actions("reflection through Class.forName", "insert( Class.forName(\"java.lang.Runtime\") );", "Class"),
                actions("reflection through .class", "insert( String.class.getDeclaredMethods() );", ".class"),
                actions("ProcessBuilder", "new ProcessBuilder(\"touch\", \"/tmp/owned-by-a-rule\").start();",
                        "ProcessBuilder"),
                actions("Thread", "new Thread().start();", "Thread"),
                actions("java.lang.System.exit fully qualified, without an import", "java.lang.System.exit(0);",
                        "java.lang.System"),
                actions("java.lang.Runtime fully qualified, without an import", "java.lang.Runtime.getRuntime().halt(0);",
                        "java.lang.Runtime"),
                imported("an import of java.util.concurrent.Executors", "import java.util.concurrent.Executors;",
                        "Executors.newSingleThreadExecutor().shutdown();", "java.util.concurrent.Executors"),
                imported("import static java.lang.System.exit", "import static java.lang.System.exit;", "exit(0);",
                        "java.lang.System.exit"),
                imported("import function java.lang.System.exit", "import function java.lang.System.exit;", "exit(0);",
                        "java.lang.System.exit"));
    }

    /** The same reach, written so that a line-by-line reading of names does not see it. */
    static Stream<Hostile> disguisedHostileRuleFiles() {
        return Stream.of(
                actions("java . io . File, with spaces in the qualified name",
                        "insert( Boolean.valueOf(new java . io . File(\"/etc/passwd\").exists()) );", "java"),
                new Hostile("java.nio.file.Files with its qualified name broken across lines", ruleFile("",
                        "insert( java.nio.file\n        .Files.readString(java.nio.file\n        .Path.of(\"/etc/passwd\")) );"),
                        "insert( java.nio.file", "java", 3),
                actions("java.io.File with a comment inside the qualified name",
                        "insert( Boolean.valueOf(new java/**/.io.File(\"/etc/passwd\").exists()) );", "java"),
                // The Java compiler reads the escape below as a line break, ending the comment before the call.
                new Hostile("a call after a unicode-escaped line break in a comment",
                        ruleFile("", "// all done \\u000a java.lang.System.exit(0);"), "all done", ""),
                actions("java.util.Formatter writes a file", "new java.util.Formatter(\"/tmp/owned-by-a-rule\").close();",
                        "java.util.Formatter"),
                actions("java.util.Timer starts a thread", "new java.util.Timer(true).cancel();", "java.util.Timer"));
    }

    /** The shipped rules and one hostile file beside them. */
    private static Path rulesWith(Path folder, Hostile hostile) throws IOException {
        Path rules = Commands.copyOfRules(folder);
        Files.writeString(rules.resolve(HOSTILE), hostile.text(), StandardCharsets.UTF_8);
        return rules;
    }

    private static void assertDroolsAloneCompiles(Hostile hostile) {
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        builder.add(ResourceFactory.newByteArrayResource(hostile.text().getBytes(StandardCharsets.UTF_8))
                .setSourcePath("rules/" + HOSTILE), ResourceType.DRL);
        assertThat(builder.getErrors()).as("Drools alone compiles %s", hostile).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"hostileRuleFiles", "disguisedHostileRuleFiles"})
    void loadingRefusesAHostileRuleFileWithItsFileAndLine(Hostile hostile, @TempDir Path folder) throws IOException {
        // Given the shipped rules and a hostile rule file, which Drools alone would compile
        assertDroolsAloneCompiles(hostile);
        Path rules = rulesWith(folder, hostile);

        // When they are loaded
        RuleCompilationException error = catchThrowableOfType(RuleCompilationException.class,
                () -> KnowledgeBase.load(rules));

        // Then they are refused, naming the hostile file, the line and what it uses
        assertThat(error).as("loading %s", hostile).isNotNull();
        assertThat(error.problems()).extracting(RuleProblem::file).containsOnly(HOSTILE);
        assertThat(error.problems()).anySatisfy(problem -> {
            assertThat(problem.line()).matches(hostile::reportedOn, "is on line " + hostile.linePattern());
            assertThat(problem.column()).isPositive();
            assertThat(problem.message()).contains(hostile.words()).contains(NOT_ALLOWED);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"hostileRuleFiles", "disguisedHostileRuleFiles"})
    void checkReportsAHostileRuleFileAsFileLineColumn(Hostile hostile, @TempDir Path folder) throws IOException {
        // Given the shipped rules and a hostile rule file
        Path rules = rulesWith(folder, hostile);

        // When they are checked
        Commands.Run run = Commands.run("check", "--rules", rules.toString());

        // Then check fails with exit code 2 and reports the hostile file's line as FILE:LINE:COL
        assertThat(run.exit()).as(run.all()).isEqualTo(2);
        Pattern report = Pattern.compile(Pattern.quote(HOSTILE) + ":(" + hostile.linePattern() + "):[1-9][0-9]*: error: .*"
                + Pattern.quote(hostile.words()) + ".*" + Pattern.quote(NOT_ALLOWED) + ".*");
        assertThat(run.out().lines()).as(run.out()).anyMatch(line -> report.matcher(line).matches());
        assertThat(run.all()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aReportPointsAtTheColumnOfWhatIsUsed(@TempDir Path folder) throws IOException {
        // Given a rule file whose actions call System.exit, indented by four spaces on line 10
        Hostile hostile = actions("System.exit", "System.exit(0);", "System");
        Path rules = rulesWith(folder, hostile);

        // When it is checked
        Commands.Run run = Commands.run("check", "--rules", rules.toString());

        // Then the report points at line 10, column 5
        assertThat(hostile.line()).isEqualTo(10);
        assertThat(run.out()).contains(HOSTILE + ":10:5: error: in rule \"A hostile rule\": uses System");
    }

    @Test
    void theShippedRulesUseNothingForbidden() {
        // Given the shipped rules
        RuleSet shipped = RuleSet.fromFolder(Path.of("rules"));

        // When the sandbox reads them, Then it finds nothing
        assertThat(RuleSandbox.check(shipped)).isEmpty();
    }

    @Test
    void forbiddenNamesInCommentsAndQuotesAreNotFlagged(@TempDir Path folder) throws IOException {
        // Given a rule file that mentions System.exit and other forbidden names only in comments and quoted text
        String harmless = """
                package rules;

                // A rule that could call System.exit(0) or java.lang.Runtime.getRuntime().exec("rm") would be refused.
                import alipaykb.facts.User;

                /* Nothing here uses java.io.File, java.net.Socket, Class.forName("x"), String.class,
                   new Thread().start(), ProcessBuilder or java.lang.System.exit(0). */
                rule "A harmless rule that only talks about System.exit"
                    @source("seed")
                when
                    User( residence != 'System.exit(0)', residence != "java.io.File" )
                then
                    insert( "Never call System.exit(0), java.io.File or Class.forName(\\"x\\") here" ); // Runtime.getRuntime()
                end
                """;
        List<RuleFile> files = new ArrayList<>(RuleSet.fromFolder(Path.of("rules")).files());
        files.add(new RuleFile(HOSTILE, HOSTILE, harmless));
        RuleSet rules = RuleSet.of("test", files);

        // When the sandbox reads it, Then nothing is flagged, and the rules load
        assertThat(RuleSandbox.check(rules)).isEmpty();
        assertThat(KnowledgeBase.compile(rules).ruleNames()).contains("A harmless rule that only talks about System.exit");

        // And check passes them too
        Path folderRules = Commands.copyOfRules(folder);
        Files.writeString(folderRules.resolve(HOSTILE), harmless);
        Commands.Run run = Commands.run("check", "--rules", folderRules.toString());
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("0 errors");
    }
}
