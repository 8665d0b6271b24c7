package alipaykb.cli;

import alipaykb.engine.KnowledgeBase;
import alipaykb.scenario.ScenarioOutcome;
import alipaykb.scenario.ScenarioReader;
import alipaykb.scenario.ScenarioSuite;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code test [PATH...]}: runs scenario files and reports each one, then the totals. */
@Command(name = "test", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Runs scenario files against the rules: one line per scenario, what was expected and what "
                + "came out for each failure, then 'N passed, N failed'.",
                "A folder runs every .yaml and .yml file under it."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every scenario passed", "1:a scenario failed or a file could not be read",
                "2:usage error: no such file or folder, or rules that do not compile"})
final class TestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RulesOption rules;

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Scenario files or folders (default: test-scenarios).")
    List<Path> paths = List.of(Path.of("test-scenarios"));

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files;
        try {
            files = ScenarioSuite.collect(paths);
        } catch (ScenarioSuite.MissingPathException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        KnowledgeBase knowledgeBase = rules.load(err);
        if (knowledgeBase == null) {
            return ExitCodes.USAGE;
        }
        List<ScenarioOutcome> outcomes = new ScenarioSuite(new ScenarioReader()).run(knowledgeBase, files);
        int passed = 0;
        int errors = 0;
        for (ScenarioOutcome outcome : outcomes) {
            switch (outcome.status()) {
                case PASSED -> {
                    passed++;
                    out.println("PASS  " + outcome.file() + "  " + outcome.scenario());
                }
                case FAILED -> {
                    out.println("FAIL  " + outcome.file() + "  " + outcome.scenario());
                    outcome.differences().forEach(difference -> out.println("        " + difference));
                }
                case ERROR -> {
                    errors++;
                    out.println("ERROR " + (outcome.scenario() == null ? "" : outcome.file() + "  " + outcome.scenario()
                            + ": ") + String.join("; ", outcome.differences()));
                }
            }
        }
        if (outcomes.isEmpty()) {
            out.println("no scenario files found in " + paths);
        }
        if (errors > 0) {
            out.println(errors + (errors == 1 ? " file" : " files") + " could not be read or decided on");
        }
        int failed = outcomes.size() - passed;
        out.println(passed + " passed, " + failed + " failed");
        out.flush();
        return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
