package alipaykb.cli;

import alipaykb.engine.KnowledgeBase;
import alipaykb.engine.RuleCoverage;
import alipaykb.facts.SafeText;
import alipaykb.scenario.CoverageReport;
import alipaykb.scenario.ExpectationUpdater;
import alipaykb.scenario.JUnitXml;
import alipaykb.scenario.ScenarioOutcome;
import alipaykb.scenario.ScenarioReader;
import alipaykb.scenario.ScenarioSuite;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code test [PATH...]}: runs scenario files and reports each one, then the totals. */
@Command(name = "test", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Runs scenario files against the rules: the failures first, each with what was expected and "
                + "what came out, then a line per passing scenario, the rule coverage in one line, and 'N passed, "
                + "N failed' last.",
                "A folder runs every .yaml and .yml file under it.",
                "With --update, each expectation that did not hold is first rewritten in its file to what came out, "
                        + "and the scenarios run again."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every scenario passed (with --update: when run again after the update)",
                "1:a scenario failed or a file could not be read",
                "2:usage error: no such file or folder, rules that do not compile, or --update with --junit-xml"})
final class TestCommand implements Callable<Integer> {
    /** Up to this many rules that never fired are listed without --coverage. */
    static final int NEVER_FIRED_SHOWN = 10;

    @Spec
    CommandSpec spec;

    @Mixin
    RulesOption rules;

    @Option(names = "--coverage-report", paramLabel = "DIR",
            description = "Write the rule coverage to DIR/coverage.html (a table per rule file) and DIR/coverage.json.")
    Path coverageReport;

    @Option(names = "--min-coverage", paramLabel = "P",
            description = "Fail the run when fewer than P percent of the rules fired.")
    Double minCoverage;

    @Option(names = "--junit-xml", paramLabel = "FILE", description = "Write a JUnit XML report of the run to FILE.")
    Path junitXml;

    @Option(names = "--coverage", description = "List every rule with how often it fired (default: one line of coverage, "
            + "and the rules that never fired).")
    boolean coverageTable;

    @Option(names = "--update", description = "After a deliberate change of the rules: rewrite in the scenario "
            + "files each written expectation that did not hold to what came out (only its value; comments, layout and "
            + "the rest of the file stay as they were), print each change, then run the scenarios again. Goes with "
            + "every option but --junit-xml.")
    boolean update;

    @Option(names = {"-q", "--quiet"}, description = "Print only failures, errors and the totals: for CI logs.")
    boolean quiet;

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Scenario files or folders (default: test-scenarios).")
    List<Path> paths = List.of(Path.of("test-scenarios"));

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files = Inputs.scenarioFiles(paths, err);
        if (files == null) {
            return ExitCodes.USAGE;
        }
        if (minCoverage != null && (minCoverage.isNaN() || minCoverage < 0 || minCoverage > 100)) {
            err.println("error: --min-coverage must be a percentage from 0 to 100, got " + minCoverage);
            return ExitCodes.USAGE;
        }
        if (update && junitXml != null) {
            err.println("error: --update and --junit-xml do not go together: the run checks the expectations it has "
                    + "just rewritten, so its report would pass by construction. Update, review the changes, then run "
                    + "test --junit-xml");
            return ExitCodes.USAGE;
        }
        if (!reportsMayBeWritten(err)) {
            return ExitCodes.USAGE;
        }
        KnowledgeBase knowledgeBase = rules.load(err);
        if (knowledgeBase == null) {
            return ExitCodes.USAGE;
        }
        if (update) {
            updateExpectations(out, err, knowledgeBase, files);
        }
        long start = System.nanoTime();
        List<ScenarioOutcome> outcomes = new ScenarioSuite(new ScenarioReader()).run(knowledgeBase, files);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<ScenarioOutcome> failures = outcomes.stream()
                .filter(outcome -> outcome.status() != ScenarioOutcome.Status.PASSED).toList();
        long errors = outcomes.stream().filter(outcome -> outcome.status() == ScenarioOutcome.Status.ERROR).count();
        int passed = outcomes.size() - failures.size();
        // Failures first, where they are seen; the passes after them.
        if (!failures.isEmpty()) {
            out.println(failures.size() + " of " + outcomes.size() + (outcomes.size() == 1 ? " scenario" : " scenarios")
                    + " did not pass:");
            for (ScenarioOutcome outcome : failures) {
                if (outcome.status() == ScenarioOutcome.Status.FAILED) {
                    out.println(SafeText.oneLine("FAIL  " + outcome.file() + "  " + outcome.scenario()));
                    outcome.differences().forEach(difference -> out.println("        " + SafeText.oneLine(difference)));
                } else {
                    out.println(SafeText.oneLine("ERROR " + (outcome.scenario() == null ? "" : outcome.file() + "  "
                            + outcome.scenario() + ": ") + String.join("; ", outcome.differences())));
                }
            }
            if (errors > 0) {
                out.println(errors + (errors == 1 ? " file" : " files") + " could not be read or decided on");
            }
            out.println();
        }
        if (!quiet) {
            outcomes.stream().filter(outcome -> outcome.status() == ScenarioOutcome.Status.PASSED).forEach(outcome ->
                    out.println(SafeText.oneLine("PASS  " + outcome.file() + "  " + outcome.scenario())));
        }
        if (outcomes.isEmpty()) {
            out.println(SafeText.oneLine("no scenario files found in " + paths));
        }
        RuleCoverage coverage = RuleCoverage.of(knowledgeBase.version(), knowledgeBase.catalog(),
                outcomes.stream().map(ScenarioOutcome::decision).filter(Objects::nonNull).toList());
        if (!quiet) {
            printCoverage(out, coverage, coverageTable);
        }
        boolean reportsWritten = writeReports(err, outcomes, coverage, knowledgeBase.version(), seconds);
        boolean coverageMet = minCoverage == null || coverage.percent() + 1e-9 >= minCoverage;
        if (!coverageMet) {
            out.println(String.format(Locale.ROOT, "rule coverage %.1f%% is below the minimum of %s%%",
                    coverage.percent(), minCoverage % 1 == 0 ? String.valueOf(minCoverage.intValue()) : minCoverage));
        }
        int failed = failures.size();
        out.println(passed + " passed, " + failed + " failed");
        out.flush();
        return failed == 0 && coverageMet && reportsWritten ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /**
     * Runs the scenarios, rewrites in each file that failed the expectations that did not hold, and prints each
     * change and the totals. A file is replaced whole, through a temporary file, or not at all.
     */
    private static void updateExpectations(PrintWriter out, PrintWriter err, KnowledgeBase knowledgeBase,
                                           List<Path> files) {
        ScenarioReader reader = new ScenarioReader();
        ExpectationUpdater updater = new ExpectationUpdater(reader);
        int expectations = 0;
        int updated = 0;
        for (ScenarioOutcome outcome : new ScenarioSuite(reader).run(knowledgeBase, files)) {
            if (outcome.status() != ScenarioOutcome.Status.FAILED) {
                continue;
            }
            ExpectationUpdater.Update update = updater.update(knowledgeBase, outcome.file());
            update.report().forEach(line -> out.println(SafeText.oneLine(line)));
            if (update.rewritten()) {
                try {
                    OutputFile.replace(update.file(), update.text());
                    expectations += update.written();
                    updated++;
                } catch (IOException e) {
                    err.println("error: the changes above were not written: " + SafeText.oneLine(e.getMessage()));
                }
            }
        }
        out.println("updated " + expectations + (expectations == 1 ? " expectation" : " expectations") + " in "
                + updated + (updated == 1 ? " file" : " files"));
        out.println();
    }

    private static void printCoverage(PrintWriter out, RuleCoverage coverage, boolean table) {
        out.println();
        out.println(String.format(Locale.ROOT, "Rule coverage (rules version %s): %d of %d rules fired (%.1f%%)%s",
                coverage.rulesVersion(), coverage.fired(), coverage.counted(), coverage.percent(),
                coverage.unreachable().isEmpty() ? "" : "; " + coverage.unreachable().size()
                        + " marked unreachable, not counted"));
        if (table) {
            out.println("  firings  rule");
            for (RuleCoverage.Entry entry : coverage.entries()) {
                String count = !entry.counted() && entry.firings() == 0 ? "-" : String.valueOf(entry.firings());
                out.println(String.format("  %7s  %s  %s", count, entry.rule().where(), entry.rule().name()));
            }
        }
        if (coverage.neverFired().isEmpty()) {
            out.println("Every counted rule fired.");
        } else if (table || coverage.neverFired().size() <= NEVER_FIRED_SHOWN) {
            out.println("Never fired (" + coverage.neverFired().size() + "):");
            coverage.neverFired().forEach(entry -> out.println("  " + entry.rule().where() + "  " + entry.rule().name()));
        } else {
            out.println(coverage.neverFired().size() + " rules never fired; --coverage lists them, with every rule's "
                    + "firings");
        }
        coverage.unreachable().stream().filter(entry -> entry.firings() > 0).forEach(entry -> out.println(
                "Marked @unreachable but fired: " + entry.rule().where() + "  " + entry.rule().name()
                        + " (remove the mark)"));
        out.println();
    }

    /** Refuses, before the suite runs, report targets that are not files that may be replaced. */
    private boolean reportsMayBeWritten(PrintWriter err) {
        try {
            if (coverageReport != null) {
                if (Files.exists(coverageReport) && !Files.isDirectory(coverageReport)) {
                    throw new OutputFile.RefusedException(coverageReport, "is not a folder; --coverage-report names "
                            + "the folder that receives coverage.html and coverage.json");
                }
                OutputFile.check(coverageReport.resolve("coverage.html"));
                OutputFile.check(coverageReport.resolve("coverage.json"));
            }
            if (junitXml != null) {
                OutputFile.check(junitXml);
                if (OutputFile.ruleOrScenarioFile(junitXml)
                        || paths.stream().anyMatch(path -> OutputFile.sameFile(junitXml, path))) {
                    throw new OutputFile.RefusedException(junitXml, "is a scenario or rule file, which the report would"
                            + " replace; name another file for --junit-xml");
                }
            }
            return true;
        } catch (OutputFile.RefusedException e) {
            err.println("error: " + e.getMessage());
            return false;
        }
    }

    private boolean writeReports(PrintWriter err, List<ScenarioOutcome> outcomes, RuleCoverage coverage,
                                 String version, double seconds) {
        try {
            if (coverageReport != null) {
                OutputFile.write(coverageReport.resolve("coverage.html"), CoverageReport.html(coverage));
                OutputFile.write(coverageReport.resolve("coverage.json"), CoverageReport.json(coverage));
            }
            if (junitXml != null) {
                OutputFile.write(junitXml, JUnitXml.of(outcomes, version, seconds));
            }
            return true;
        } catch (IOException e) {
            err.println("error: cannot write a report: " + e.getMessage());
            return false;
        }
    }
}
