package alipaykb.cli;

import alipaykb.engine.AllowList;
import alipaykb.engine.CompiledRulesCache;
import alipaykb.engine.Finding;
import alipaykb.engine.KnowledgeBase;
import alipaykb.engine.RuleCatalog;
import alipaykb.engine.RuleCompilationException;
import alipaykb.engine.RuleFile;
import alipaykb.engine.RuleInfo;
import alipaykb.engine.RuleLint;
import alipaykb.engine.RuleLoadException;
import alipaykb.engine.RuleLocation;
import alipaykb.engine.RuleSet;
import alipaykb.scenario.Vocabulary;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.regex.Pattern;
import java.util.regex.Matcher;
import java.util.Set;
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

    @Option(names = "--vocabulary", description = "Print every code a scenario file may use, with its meaning, as "
            + "Markdown (docs/vocabulary.md), and exit.")
    boolean vocabulary;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (vocabulary) {
            out.print(Vocabulary.markdown());
            out.flush();
            return ExitCodes.OK;
        }
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
        // Each finding once: the count is the number of lines printed.
        List<Finding> shown = findings.stream().distinct().toList();
        long errors = shown.stream().filter(f -> f.severity() == Finding.Severity.ERROR).count();
        long warnings = shown.size() - errors;
        out.println("Checked " + ruleSet.files().size() + " rule files, " + catalog.rules().size() + " rules, in "
                + (RuleSet.EMBEDDED.equals(ruleSet.origin()) ? "the rules built into the jar" : ruleSet.origin())
                + " (version " + ruleSet.version() + ")");
        shown.forEach(out::println);
        setAside(ruleSet, catalog, shown).forEach(out::println);
        out.println(errors + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning" : " warnings"));
        out.flush();
        if (errors > 0) {
            return ExitCodes.USAGE;
        }
        return strict && warnings > 0 ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private static final Pattern RULE_HEADER = Pattern.compile("(?m)^[ \\t]*rule[ \\t]+\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

    /**
     * The rules a syntax error set aside: written in a file with an error, but not among the rules read from
     * it, so not checked. Each file with some gets one line naming them and their lines.
     */
    private static List<String> setAside(RuleSet ruleSet, RuleCatalog catalog, List<Finding> findings) {
        List<String> lines = new ArrayList<>();
        for (RuleFile file : ruleSet.files()) {
            boolean broken = findings.stream().anyMatch(finding -> finding.severity() == Finding.Severity.ERROR
                    && file.name().equals(finding.file()));
            if (!broken) {
                continue;
            }
            Set<String> read = catalog.rules().stream().filter(rule -> file.name().equals(rule.file()))
                    .map(RuleInfo::name).collect(Collectors.toSet());
            List<String> missing = new ArrayList<>();
            Matcher header = RULE_HEADER.matcher(file.text());
            while (header.find()) {
                if (!read.contains(header.group(1))) {
                    int line = 1 + (int) file.text().substring(0, header.start(1)).chars().filter(c -> c == '\n').count();
                    missing.add("\"" + header.group(1) + "\" (line " + line + ")");
                }
            }
            if (!missing.isEmpty()) {
                lines.add(file.name() + ": " + missing.size() + (missing.size() == 1 ? " rule was" : " rules were")
                        + " set aside by the error above and not checked: " + String.join(", ", missing));
            }
        }
        return lines;
    }
}
