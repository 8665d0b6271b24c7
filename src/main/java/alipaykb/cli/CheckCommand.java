package alipaykb.cli;

import alipaykb.engine.AllowList;
import alipaykb.engine.CompiledRulesCache;
import alipaykb.engine.Finding;
import alipaykb.engine.KnowledgeBase;
import alipaykb.engine.RuleCatalog;
import alipaykb.engine.RuleCompilationException;
import alipaykb.engine.RuleLint;
import alipaykb.engine.RuleLoadException;
import alipaykb.engine.RuleLocation;
import alipaykb.engine.RuleSet;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code check}: compiles the rule files and lints them, reporting every finding as FILE:LINE:COL. */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Compiles the rule files and reports every problem as FILE:LINE:COL: message, in words "
                + "(the rule, what is wrong, a hint).",
                "Also checks: duplicate rule names, rules without @source, funding codes missing from the order "
                        + "list, tiers without limits, and salience where nothing needs ordering (a warning)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no error (warnings allowed unless --strict)", "1:warnings, with --strict",
                "2:errors, or no rules folder"})
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RulesOption rules;

    @Option(names = "--strict", description = "Fail (exit 1) on warnings too.")
    boolean strict;

    @Option(names = "--allowed", description = "Print what rule files may use, class by class, and exit.")
    boolean allowed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (allowed) {
            out.print(AllowList.standard().render());
            out.flush();
            return ExitCodes.OK;
        }
        RuleSet ruleSet;
        try {
            ruleSet = RuleLocation.resolve(rules.folder);
        } catch (RuleLoadException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        List<Finding> findings = new ArrayList<>();
        KnowledgeBase knowledgeBase = null;
        RuleCatalog catalog;
        try {
            // Compiling verifies every class before any is loaded: nothing of the rule files runs before that.
            knowledgeBase = KnowledgeBase.compile(ruleSet, CompiledRulesCache.standard())
                    .withMaxFirings(rules.maxFirings).withMaxMillis(rules.maxMillis);
            catalog = knowledgeBase.catalog();
        } catch (RuleCompilationException e) {
            e.problems().forEach(problem -> findings.add(new Finding(Finding.Severity.ERROR, problem.file(),
                    problem.line(), problem.column(), problem.message())));
            catalog = RuleCatalog.read(ruleSet);
        }
        findings.addAll(RuleLint.check(catalog, knowledgeBase));
        long errors = findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).count();
        long warnings = findings.size() - errors;
        out.println("Checked " + ruleSet.files().size() + " rule files, " + catalog.rules().size() + " rules, in "
                + (RuleSet.EMBEDDED.equals(ruleSet.origin()) ? "the rules built into the jar" : ruleSet.origin())
                + " (version " + ruleSet.version() + ")");
        findings.stream().distinct().forEach(out::println);
        out.println(errors + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning" : " warnings"));
        out.flush();
        if (errors > 0) {
            return ExitCodes.USAGE;
        }
        return strict && warnings > 0 ? ExitCodes.FAILED : ExitCodes.OK;
    }
}
