package alipaykb.cli;

import alipaykb.json.DecisionJson;
import alipaykb.decisions.Decision;
import alipaykb.engine.EvaluationException;
import alipaykb.engine.KnowledgeBase;
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

/** {@code advise FILE}: the answer for one profile, for a person to read or, with --json, for a program. */
@Command(name = "advise", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Advises on one profile: how to fund Alipay, the tier and its limits, each payment's verdict "
                + "and fee, and what to do next, each with the rule behind it.",
                "FILE is a scenario file or a profile in the same format (its expect: part is ignored)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the advice was given", "1:the profile could not be read or decided on",
                "2:usage error: no such file, or rules that do not compile"})
final class AdviseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RulesOption rules;

    @Parameters(paramLabel = "FILE", description = "The profile or scenario file (YAML or JSON).")
    Path file;

    @Option(names = "--json", description = "Print the whole decision as JSON.")
    boolean json;

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
        Decision decision;
        try {
            decision = knowledgeBase.evaluate(scenario.profile());
        } catch (EvaluationException e) {
            err.println("error: " + file + ": no decision: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        if (json) {
            PrintWriter jsonOut = Console.jsonOut(out);
            jsonOut.print(DecisionJson.write(decision));
            jsonOut.println();
            jsonOut.flush();
        } else {
            new DecisionPrinter(out).print(decision, scenario.profile(), knowledgeBase.rules().origin());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
