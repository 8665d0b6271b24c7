package alipaykb.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import alipaykb.engine.EvaluationException;
import alipaykb.engine.KnowledgeBase;
import alipaykb.engine.RuleCompilationException;
import alipaykb.engine.RuleFile;
import alipaykb.engine.RuleSet;
import alipaykb.facts.Profile;
import alipaykb.scenario.ScenarioReader;
import alipaykb.testsupport.Commands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rule files written to break out, one trick each (src/test/resources/hostile-rules, listed with what
 * must happen in its README.md). Each must be refused when the rules load, naming its file and a line,
 * or, where it is legal code that only takes too long, be stopped with an error; either way with no
 * side effect: no marker file, no change to the JVM's defaults or properties, and the JVM still running.
 */
class HostileRulesTest {
    private static final Path CORPUS = Path.of("src/test/resources/hostile-rules");
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`?([\\w.-]+\\.drl)`?\\s*\\|.*\\|\\s*(refused|stopped)\\s*\\|\\s*$");
    private static final Path SCENARIO = Path.of("test-scenarios/examples/us-traveller-in-shanghai.yaml");

    record Hostile(String file, String expected) {
        @Override
        public String toString() {
            return file + " (" + expected + ")";
        }
    }

    static List<Hostile> corpus() throws IOException {
        List<Hostile> corpus = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS.resolve("README.md"))) {
            Matcher row = ROW.matcher(line.strip());
            if (row.matches()) {
                corpus.add(new Hostile(row.group(1), row.group(2)));
            }
        }
        return corpus;
    }

    @Test
    void theCorpusListsEveryFileItHolds() throws IOException {
        // Given the corpus folder and its README
        List<String> listed = corpus().stream().map(Hostile::file).sorted().toList();

        // When its files are listed
        List<String> files;
        try (Stream<Path> paths = Files.list(CORPUS)) {
            files = paths.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".drl")).sorted().toList();
        }

        // Then every file has its expected outcome, and there are many
        assertThat(listed).isEqualTo(files);
        assertThat(files).hasSizeGreaterThan(40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void aHostileRuleFileCannotHurt(Hostile hostile, @TempDir Path temp) throws Exception {
        // Given the shipped rules and a hostile rule file, aimed at a marker file that must never appear
        Path marker = temp.resolve("marker");
        String text = Files.readString(CORPUS.resolve(hostile.file()), StandardCharsets.UTF_8)
                .replace("@MARKER@", marker.toString());
        List<RuleFile> files = new ArrayList<>(RuleSet.fromFolder(Path.of("src/test/resources/frozen-rules")).files());
        files.add(new RuleFile(hostile.file(), hostile.file(), text));
        RuleSet rules = RuleSet.of("hostile", files);
        Map<String, Object> before = jvmState();
        Profile profile = new ScenarioReader().read(SCENARIO).profile();

        // When the rules are loaded and, if they load, a profile is decided with them
        Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> loadAndDecide(rules, profile));

        // Then it was refused with its file and a line, or stopped; and nothing happened outside
        if (hostile.expected().equals("refused") || outcome.refusal() != null) {
            assertThat(outcome.refusal()).as("refused when the rules load").isNotNull();
            assertThat(outcome.refusal().problems()).as(outcome.refusal().getMessage())
                    .anySatisfy(problem -> assertThat(problem.file()).isEqualTo(hostile.file()))
                    .allSatisfy(problem -> assertThat(problem.line()).as(problem.toString()).isPositive());
            assertThat(outcome.refusal().getMessage()).doesNotContain("\tat ").doesNotContain("Lambda");
        }
        assertThat(Files.exists(marker)).as("the marker file").isFalse();
        assertThat(jvmState()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void checkRefusesOrPassesWithoutRunningIt(Hostile hostile, @TempDir Path temp) throws Exception {
        // Given a folder holding the shipped rules and a hostile rule file
        Path marker = temp.resolve("marker");
        Path rules = Commands.copyOfRules(temp);
        Files.writeString(rules.resolve(hostile.file()), Files.readString(CORPUS.resolve(hostile.file()))
                .replace("@MARKER@", marker.toString()));
        Map<String, Object> before = jvmState();

        // When check is run on it
        Commands.Run run = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> Commands.run("check", "--rules", rules.toString()));

        // Then a refused file is reported as an error with its file and line (exit 2); nothing happened outside
        if (hostile.expected().equals("refused")) {
            assertThat(run.exit()).as(run.all()).isEqualTo(2);
            assertThat(run.out()).as(run.all()).containsPattern(Pattern.quote(hostile.file()) + ":\\d+(:\\d+)?: error: ");
        }
        assertThat(run.all()).doesNotContain("\tat ").doesNotContain("Exception in");
        assertThat(Files.exists(marker)).as("the marker file").isFalse();
        assertThat(jvmState()).isEqualTo(before);
    }

    private record Outcome(RuleCompilationException refusal, Throwable decision) {
    }

    private static Outcome loadAndDecide(RuleSet rules, Profile profile) {
        KnowledgeBase knowledgeBase;
        try {
            knowledgeBase = KnowledgeBase.compile(rules);
        } catch (RuleCompilationException e) {
            return new Outcome(e, null);
        }
        try {
            knowledgeBase.evaluate(profile);
            return new Outcome(null, null);
        } catch (EvaluationException e) {
            return new Outcome(null, e);
        }
    }

    /** What a rule must not change: defaults and properties every other part of the JVM relies on. */
    private static Map<String, Object> jvmState() {
        return Map.of("locale", Locale.getDefault(), "timeZone", TimeZone.getDefault().getID(),
                "pwned", String.valueOf(System.getProperty("alipaykb.pwned")),
                "securityManager", String.valueOf(System.getSecurityManager()));
    }

}
