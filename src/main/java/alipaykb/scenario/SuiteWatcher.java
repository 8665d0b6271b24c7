package alipaykb.scenario;

import alipaykb.engine.ReloadableKnowledgeBase;
import alipaykb.engine.RuleLoadException;
import alipaykb.engine.RuleProblem;
import alipaykb.engine.RuleSet;
import alipaykb.facts.SafeText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Watches a rules folder and scenario files. Each {@link #poll()} looks for a change since the last one;
 * on a change it reloads the rules (keeping the last good ones when the new ones do not compile), re-runs
 * the scenarios and says what changed: newly failing, newly passing.
 */
public final class SuiteWatcher {
    private final Path rulesFolder;
    private final List<Path> paths;
    private final ReloadableKnowledgeBase knowledgeBase;
    private final ScenarioSuite suite = new ScenarioSuite(new ScenarioReader());
    private String rulesSeen;
    private String scenariosSeen;
    private Map<Path, ScenarioOutcome> last = Map.of();

    public SuiteWatcher(Path rulesFolder, List<Path> paths, ReloadableKnowledgeBase knowledgeBase) {
        this.rulesFolder = rulesFolder;
        this.paths = List.copyOf(paths);
        this.knowledgeBase = knowledgeBase;
        this.rulesSeen = knowledgeBase.current().version();
    }

    /** What one poll found: nothing (no change), or a report to print. */
    public record Report(List<String> lines, boolean rulesBroken, int passed, int failed) {
        public Report {
            lines = List.copyOf(lines);
        }
    }

    /** Looks for a change; returns null when nothing changed since the last poll. */
    public Report poll() {
        String rulesNow;
        try {
            rulesNow = RuleSet.fromFolder(rulesFolder).version();
        } catch (RuleLoadException e) {
            rulesNow = "unreadable: " + e.getMessage();
        }
        String scenariosNow = fingerprint();
        boolean rulesChanged = !rulesNow.equals(rulesSeen);
        if (!rulesChanged && scenariosNow.equals(scenariosSeen)) {
            return null;
        }
        rulesSeen = rulesNow;
        scenariosSeen = scenariosNow;
        List<String> lines = new ArrayList<>();
        boolean broken = false;
        if (rulesChanged) {
            ReloadableKnowledgeBase.Reload reload = knowledgeBase.reload(rulesFolder);
            if (reload.swapped()) {
                lines.add("Rules changed: now version " + reload.version() + ".");
            } else {
                broken = true;
                lines.add("Rules changed but cannot be used; still deciding with version " + reload.version() + ":");
                reload.problems().stream().map(RuleProblem::toString).forEach(problem -> lines.add("  " + problem));
            }
        }
        Map<Path, ScenarioOutcome> now = new LinkedHashMap<>();
        try {
            for (ScenarioOutcome outcome : suite.run(knowledgeBase.current(), ScenarioSuite.collect(paths))) {
                now.put(outcome.file(), outcome);
            }
        } catch (ScenarioSuite.MissingPathException e) {
            lines.add("error: " + e.getMessage());
        }
        for (ScenarioOutcome outcome : now.values()) {
            ScenarioOutcome before = last.get(outcome.file());
            boolean passedBefore = before != null && before.passed();
            if (!outcome.passed() && (before == null || passedBefore || !Objects.equals(before.differences(), outcome.differences()))) {
                lines.add((passedBefore ? "newly failing: " : before == null ? "failing: " : "still failing: ")
                        + outcome.file() + (outcome.scenario() == null ? "" : "  " + outcome.scenario()));
                outcome.differences().forEach(difference -> lines.add("    " + SafeText.oneLine(difference)));
            } else if (outcome.passed() && before != null && !passedBefore) {
                lines.add("newly passing: " + outcome.file() + "  " + outcome.scenario());
            }
        }
        last.keySet().stream().filter(file -> !now.containsKey(file)).forEach(file -> lines.add("gone: " + file));
        last = now;
        int passed = (int) now.values().stream().filter(ScenarioOutcome::passed).count();
        int failed = now.size() - passed;
        lines.add(passed + " passed, " + failed + " failed");
        return new Report(lines, broken, passed, failed);
    }

    /**
     * Runs the suite a few more times on a thread of its own, its outcomes thrown away, so that the first save after
     * a start does not wait for the JVM to compile the decisions: a fresh JVM has run them only once. Nothing is
     * reported, and nothing a warm-up run meets (a file gone, a failing rule) has any effect.
     *
     * @return the thread that runs it, started
     */
    public Thread warmUp(int rounds) {
        Thread thread = new Thread(() -> {
            ScenarioSuite spare = new ScenarioSuite(new ScenarioReader());
            try {
                List<Path> files = ScenarioSuite.collect(paths);
                for (int round = 0; round < rounds; round++) {
                    spare.run(knowledgeBase.current(), files);
                }
            } catch (ScenarioSuite.MissingPathException | RuntimeException | LinkageError e) {
                // Only a warm-up: the next look reports as ever.
            }
        }, "alipay-kb suite warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
        return thread;
    }

    private String fingerprint() {
        StringBuilder print = new StringBuilder();
        try {
            for (Path file : ScenarioSuite.collect(paths)) {
                print.append(file).append(':').append(Files.size(file)).append(':')
                        .append(Files.getLastModifiedTime(file).toMillis()).append('\n');
            }
        } catch (ScenarioSuite.MissingPathException | IOException e) {
            print.append("missing: ").append(e.getMessage());
        }
        return print.toString();
    }
}
