package alipaykb.cli;

import alipaykb.engine.KnowledgeBase;
import alipaykb.engine.ReloadableKnowledgeBase;
import alipaykb.engine.RuleLocation;
import alipaykb.scenario.SuiteWatcher;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code watch [PATH...]}: re-runs the scenarios on every save of a rule or scenario file. */
@Command(name = "watch", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Watches the rules folder and the scenario files. On every save it recompiles the rules, "
                + "re-runs the scenarios and prints what changed since the last run: newly failing, newly passing.",
                "Rules that do not compile leave the last good rules in use and show the errors. Stop with Ctrl-C."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped", "2:usage error: no rules folder, rules that do not compile at the start"})
final class WatchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RulesOption rules;

    @Option(names = "--interval", paramLabel = "MS", defaultValue = "300",
            description = "How often to look for changes, in milliseconds (default: ${DEFAULT-VALUE}).")
    long interval;

    @Option(names = "--cycles", paramLabel = "N", hidden = true, defaultValue = "0",
            description = "Stop after N looks (0: never); for tests.")
    long cycles;

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Scenario files or folders (default: test-scenarios).")
    List<Path> paths = List.of(Path.of("test-scenarios"));

    /** How many more times the suite runs, unseen, after the first report: enough for the JVM to compile it. */
    private static final int WARM_UP_ROUNDS = 4;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path folder = rules.folder != null ? rules.folder : RuleLocation.DEFAULT_FOLDER;
        if (!Files.isDirectory(folder)) {
            err.println("error: watch needs a rules folder to watch: " + folder + " is not one (give --rules DIR)");
            return ExitCodes.USAGE;
        }
        if (Inputs.scenarioFiles(paths, err) == null) {
            return ExitCodes.USAGE;
        }
        KnowledgeBase initial = rules.load(err);
        if (initial == null) {
            return ExitCodes.USAGE;
        }
        ReloadableKnowledgeBase live = new ReloadableKnowledgeBase(initial);
        live.prepareForEdits();
        SuiteWatcher watcher = new SuiteWatcher(folder, paths, live);
        out.println("Watching " + folder + " and " + paths + "; stop with Ctrl-C.");
        out.flush();
        for (long cycle = 1; cycles == 0 || cycle <= cycles; cycle++) {
            SuiteWatcher.Report report = watcher.poll();
            if (report != null) {
                out.println("[" + LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "]");
                report.lines().forEach(out::println);
                out.flush();
            }
            if (cycle == 1) {
                watcher.warmUp(WARM_UP_ROUNDS);
            }
            Thread.sleep(interval);
        }
        return ExitCodes.OK;
    }
}
