package alipaykb.cli;

import alipaykb.engine.KnowledgeBase;
import alipaykb.scenario.InputError;
import alipaykb.scenario.Scenario;
import alipaykb.scenario.ScenarioReader;
import alipaykb.scenario.ScenarioSuite;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What commands start from, read the same way by each: scenario files, or the rules and one profile. */
final class Inputs {
    private Inputs() {
    }

    /** The rules and one profile, or the exit code that says why they could not be had. */
    record OneProfile(KnowledgeBase knowledgeBase, Scenario scenario, int exit) {
        boolean ready() {
            return exit == ExitCodes.OK;
        }
    }

    /** Loads the rules and reads one profile, printing why not when either fails. */
    static OneProfile oneProfile(Path file, RulesOption rules, PrintWriter err) {
        if (!Files.exists(file)) {
            err.println("error: " + file + ": no such file");
            return new OneProfile(null, null, ExitCodes.USAGE);
        }
        KnowledgeBase knowledgeBase = rules.load(err);
        if (knowledgeBase == null) {
            return new OneProfile(null, null, ExitCodes.USAGE);
        }
        try {
            return new OneProfile(knowledgeBase, new ScenarioReader().read(file), ExitCodes.OK);
        } catch (InputError e) {
            err.println("error: " + e.getMessage());
            return new OneProfile(knowledgeBase, null, ExitCodes.FAILED);
        }
    }

    /** The scenario files the paths name, or null (having said why) when a path names nothing. */
    static List<Path> scenarioFiles(List<Path> paths, PrintWriter err) {
        try {
            return ScenarioSuite.collect(paths);
        } catch (ScenarioSuite.MissingPathException e) {
            err.println("error: " + e.getMessage());
            return null;
        }
    }
}
