package alipaykb.cli;

import alipaykb.engine.EvaluationException;
import alipaykb.engine.Explanation;
import alipaykb.engine.Firing;
import alipaykb.engine.KnowledgeBase;
import alipaykb.engine.NearMiss;
import alipaykb.engine.RuleCompilationException;
import alipaykb.scenario.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code explain FILE [--rule NAME]}: the rules that fired and what they matched, or why one rule did not fire. */
@Command(name = "explain", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Shows every rule that fired for a scenario or profile, in firing order, with its file:line, "
                + "its source and the facts it matched.",
                "With --rule NAME, for a rule that did not fire: which of its conditions failed, for which facts "
                        + "and with which values (the nearest miss)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:explained", "1:the file could not be read or decided on",
                "2:usage error: no such file, no such rule, rules that do not compile"})
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RulesOption rules;

    @Parameters(paramLabel = "FILE", description = "The scenario or profile file.")
    Path file;

    @Option(names = "--rule", paramLabel = "NAME", description = "Explain why this rule did or did not fire.")
    String rule;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Inputs.OneProfile input = Inputs.oneProfile(file, rules, err);
        if (!input.ready()) {
            return input.exit();
        }
        KnowledgeBase knowledgeBase = input.knowledgeBase();
        Scenario scenario = input.scenario();
        try {
            if (rule != null) {
                printNearMiss(out, knowledgeBase.whyNot(scenario.profile(), rule));
            } else {
                printFirings(out, scenario, knowledgeBase.explain(scenario.profile()));
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (EvaluationException e) {
            err.println("error: " + file + ": no decision: " + e.getMessage());
            return ExitCodes.FAILED;
        } catch (RuleCompilationException e) {
            err.println("error: the rule's conditions could not be taken apart: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void printFirings(PrintWriter out, Scenario scenario, Explanation explanation) {
        out.println("Rules fired for " + (scenario.name() == null ? scenario.file().toString() : "\"" + scenario.name()
                + "\"") + ", as of " + explanation.decision().asOf() + " (rules version "
                + explanation.decision().rulesVersion() + "), in firing order:");
        for (Firing firing : explanation.firings()) {
            out.println(String.format("%4d. %s", firing.number(), firing.rule()));
            out.println("        " + firing.file() + ":" + firing.line() + " · source " + firing.source());
            for (String fact : firing.facts()) {
                out.println("        matched " + fact);
            }
        }
        long rules = explanation.firings().stream().map(Firing::rule).distinct().count();
        out.println(explanation.firings().size() + " firings of " + rules + " rules.");
    }

    private static void printNearMiss(PrintWriter out, NearMiss nearMiss) {
        out.println("Rule \"" + nearMiss.rule().name() + "\" (" + nearMiss.rule().where() + ", source "
                + nearMiss.rule().source() + ") " + (nearMiss.fired() ? "fired." : "did not fire."));
        out.println("Its conditions, in order:");
        for (NearMiss.Condition condition : nearMiss.conditions()) {
            out.println(String.format("  %d. %-11s %s", condition.number(), condition.status(), condition.text()));
        }
        if (nearMiss.fired()) {
            for (Firing firing : nearMiss.firings()) {
                out.println("  firing " + firing.number() + " matched " + String.join("; ", firing.facts()));
            }
        }
        out.println("In short: " + nearMiss.note() + ".");
        NearMiss.Failure failure = nearMiss.failure();
        if (failure != null && !failure.nearest().isEmpty()) {
            out.println("Nearest miss" + (failure.nearest().size() == 1 ? "" : "es") + ":");
            failure.nearest().forEach(fact -> out.println("  " + fact));
        }
        if (failure != null && !failure.bindings().isEmpty()) {
            out.println("with " + String.join(", ", failure.bindings().entrySet().stream()
                    .map(entry -> entry.getKey() + " = " + entry.getValue()).toList()));
        }
    }
}
