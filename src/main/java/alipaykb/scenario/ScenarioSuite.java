package alipaykb.scenario;

import alipaykb.decisions.Decision;
import alipaykb.engine.EvaluationException;
import alipaykb.engine.KnowledgeBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds scenario files and runs them against a knowledge base, one outcome per file. A suite run again (as
 * {@code watch} does after every save) reads each file again but parses again only those whose text changed
 * (or, for a scenario without {@code asOf}, when the day changed): parsing was most of a watched suite's time.
 */
public final class ScenarioSuite {
    /** Files longer than this are parsed every run rather than kept: a suite's files are a few hundred bytes. */
    private static final int MAX_KEPT_CHARS = 64 * 1024;

    private final ScenarioReader reader;
    /** What each file of the last run held and gave, by file. */
    private final Map<Path, Read> lastRead = new java.util.concurrent.ConcurrentHashMap<>();

    /** A file's text as read on a day, and the scenario it gave or why it gave none. */
    private record Read(String text, java.time.LocalDate day, Scenario scenario, InputError error) {
    }

    public ScenarioSuite(ScenarioReader reader) {
        this.reader = reader;
    }

    /** A path that names no file or folder. */
    public static final class MissingPathException extends Exception {
        public MissingPathException(Path path) {
            super(path + ": no such file or folder");
        }
    }

    /**
     * The scenario files named: a file as it is, a folder as every {@code .yaml} or {@code .yml} file
     * under it, in path order. Each file is listed once.
     */
    public static List<Path> collect(List<Path> paths) throws MissingPathException {
        Set<Path> files = new LinkedHashSet<>();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new MissingPathException(path);
            }
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile)
                            .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                            .sorted()
                            .forEach(files::add);
                } catch (IOException | UncheckedIOException e) {
                    throw new MissingPathException(path);
                }
            } else {
                files.add(path);
            }
        }
        return List.copyOf(files);
    }

    /** Runs each file; a file that cannot be read is an error and the others still run. */
    public List<ScenarioOutcome> run(KnowledgeBase knowledgeBase, List<Path> files) {
        Set<String> ruleNames = knowledgeBase.ruleNames();
        Map<String, Path> names = new HashMap<>();
        List<ScenarioOutcome> outcomes = new ArrayList<>();
        Map<Path, Read> reads = new HashMap<>();
        for (Path file : files) {
            Scenario scenario;
            try {
                scenario = readOnce(file, reads);
                if (scenario.name() == null) {
                    throw new InputError(file, 1, "scenario is required: give the scenario a name");
                }
                Path other = names.putIfAbsent(scenario.name(), file);
                if (other != null) {
                    throw new InputError(file, 1, "the scenario name '" + scenario.name() + "' is already used by "
                            + other + ": names are unique in a suite");
                }
            } catch (InputError e) {
                outcomes.add(new ScenarioOutcome(file, null, ScenarioOutcome.Status.ERROR, List.of(e.getMessage()), null));
                continue;
            }
            outcomes.add(run(knowledgeBase, scenario, ruleNames));
        }
        lastRead.keySet().retainAll(reads.keySet());
        lastRead.putAll(reads);
        return outcomes;
    }

    /** A file's scenario: as the last run read it when the text and the day are the same, else read now. */
    private Scenario readOnce(Path file, Map<Path, Read> reads) throws InputError {
        String text = ScenarioReader.readText(file);
        java.time.LocalDate today = reader.today();
        Read before = lastRead.get(file);
        Read read;
        if (before != null && before.text().equals(text) && before.day().equals(today)) {
            read = before;
        } else {
            try {
                read = new Read(text, today, reader.read(file, text), null);
            } catch (InputError e) {
                read = new Read(text, today, null, e);
            }
        }
        if (text.length() <= MAX_KEPT_CHARS) {
            reads.put(file, read);
        }
        if (read.error() != null) {
            throw read.error();
        }
        return read.scenario();
    }

    /** Runs one scenario that has been read. */
    public static ScenarioOutcome run(KnowledgeBase knowledgeBase, Scenario scenario, Set<String> ruleNames) {
        Decision decision;
        try {
            decision = knowledgeBase.evaluate(scenario.profile());
        } catch (EvaluationException e) {
            return new ScenarioOutcome(scenario.file(), scenario.name(), ScenarioOutcome.Status.ERROR,
                    List.of("no decision: " + e.getMessage()), null);
        }
        List<String> differences = ExpectationCheck.differences(scenario.expect(), decision, ruleNames);
        return new ScenarioOutcome(scenario.file(), scenario.name(),
                differences.isEmpty() ? ScenarioOutcome.Status.PASSED : ScenarioOutcome.Status.FAILED,
                differences, decision);
    }
}
