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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
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
        int errors = 0;
        // Each differing scenario with its changes, in file order; then the changes many of them share, once.
        Map<String, List<String>> changed = new LinkedHashMap<>();
        Map<String, Integer> scenariosPerChange = new HashMap<>();
        List<String> errorLines = new ArrayList<>();
        for (Path file : files) {
            try {
                Scenario scenario = reader.read(file);
                Decision before = baseline.evaluate(scenario.profile());
                Decision after = current.evaluate(scenario.profile());
                List<String> changes = DecisionDiff.between(before, after);
                if (!changes.isEmpty()) {
                    changed.put(file + (scenario.name() == null ? "" : "  " + scenario.name()), changes);
                    new LinkedHashSet<>(changes).forEach(change -> scenariosPerChange.merge(change, 1, Integer::sum));
                }
            } catch (InputError e) {
                errors++;
                errorLines.add("ERROR " + e.getMessage());
            } catch (EvaluationException e) {
                errors++;
                errorLines.add("ERROR " + file + ": no decision: " + e.getMessage());
            }
        }
        List<Map.Entry<String, Integer>> shared = scenariosPerChange.entrySet().stream()
                .filter(entry -> entry.getValue() > 1)
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .toList();
        if (!shared.isEmpty()) {
            out.println("Changes shared by several scenarios:");
            shared.forEach(entry -> out.println("  " + entry.getKey() + "  (" + entry.getValue() + " scenarios)"));
        }
        changed.forEach((scenario, changes) -> {
            List<String> own = changes.stream().filter(change -> scenariosPerChange.get(change) == 1).toList();
            int common = changes.size() - own.size();
            out.println("CHANGED  " + scenario + (common == 0 ? "" : "  (+" + common + " shared)"));
            own.forEach(change -> out.println("         " + change));
        });
        errorLines.forEach(out::println);
        int differing = changed.size();
        if (errors > 0) {
            out.println(errors + (errors == 1 ? " file" : " files") + " could not be read or decided on");
        }
        out.println(differing + " of " + files.size() + " decide differently");
        out.flush();
        return differing == 0 && errors == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
