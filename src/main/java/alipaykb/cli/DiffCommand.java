package alipaykb.cli;

import alipaykb.decisions.Decision;
import alipaykb.engine.EvaluationException;
import alipaykb.engine.KnowledgeBase;
import alipaykb.engine.RuleCompilationException;
import alipaykb.engine.RuleLoadException;
import alipaykb.engine.RuleProblem;
import alipaykb.scenario.DecisionDiff;
import alipaykb.scenario.InputError;
import alipaykb.scenario.Scenario;
import alipaykb.scenario.ScenarioReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code diff --against DIR [PATH...]}: the decisions an edit of the rules changes, scenario by scenario. */
@Command(name = "diff", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Runs scenarios or profiles on two rule folders, the baseline (--against, say the released "
                + "rules) and the rules in use (--rules, default ./rules), and lists every one whose decision differs "
                + "and how: options, tier and limits, verdicts, fees, advice.",
                "Expectations are not checked: this shows the consequence of an edit before it ships."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no decision differs", "1:some decision differs, or a file could not be read",
                "2:usage error: no such folder, rules that do not compile"})
final class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RulesOption rules;

    @Option(names = "--against", paramLabel = "DIR", required = true,
            description = "The baseline rules folder to compare with.")
    Path against;

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Scenario or profile files or folders (default: test-scenarios).")
    List<Path> paths = List.of(Path.of("test-scenarios"));

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files = Inputs.scenarioFiles(paths, err);
        if (files == null) {
            return ExitCodes.USAGE;
        }
        KnowledgeBase baseline;
        try {
            baseline = KnowledgeBase.load(against);
        } catch (RuleLoadException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (RuleCompilationException e) {
            err.println("error: the baseline rules in " + against + " do not compile:");
            e.problems().stream().map(RuleProblem::toString).forEach(problem -> err.println("  " + problem));
            return ExitCodes.USAGE;
        }
        KnowledgeBase current = rules.load(err);
        if (current == null) {
            return ExitCodes.USAGE;
        }
        out.println("Decisions of " + current.rules().origin() + " (version " + current.version() + ") against "
                + against + " (version " + baseline.version() + "), shown as baseline → now:");
        ScenarioReader reader = new ScenarioReader();
        int differing = 0;
        int errors = 0;
        for (Path file : files) {
            try {
                Scenario scenario = reader.read(file);
                Decision before = baseline.evaluate(scenario.profile());
                Decision after = current.evaluate(scenario.profile());
                List<String> changes = DecisionDiff.between(before, after);
                if (!changes.isEmpty()) {
                    differing++;
                    out.println("CHANGED  " + file + (scenario.name() == null ? "" : "  " + scenario.name()));
                    changes.forEach(change -> out.println("         " + change));
                }
            } catch (InputError e) {
                errors++;
                out.println("ERROR " + e.getMessage());
            } catch (EvaluationException e) {
                errors++;
                out.println("ERROR " + file + ": no decision: " + e.getMessage());
            }
        }
        if (errors > 0) {
            out.println(errors + (errors == 1 ? " file" : " files") + " could not be read or decided on");
        }
        out.println(differing + " of " + files.size() + " decide differently");
        out.flush();
        return differing == 0 && errors == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
