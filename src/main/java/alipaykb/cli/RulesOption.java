package alipaykb.cli;

import alipaykb.engine.CompiledRulesCache;
import alipaykb.engine.KnowledgeBase;
import alipaykb.engine.RuleCompilationException;
import alipaykb.engine.RuleLoadException;
import alipaykb.engine.RuleLocation;
import alipaykb.engine.RuleProblem;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --rules DIR} option every subcommand takes, and the loading of the knowledge base it names. */
final class RulesOption {
    /** The largest --max-firings: each firing may insert facts, and the facts of one decision are bounded too. */
    static final int MOST_FIRINGS = 1_000_000;
    /** The largest --max-millis: an hour. */
    static final long MOST_MILLIS = 3_600_000;

    @Option(names = "--rules", paramLabel = "DIR",
            description = "Folder of .drl rule files (default: ./rules when present, else the rules built into the jar).")
    Path folder;

    @Option(names = "--max-firings", paramLabel = "N", defaultValue = "10000",
            description = "Stop a decision whose rules fire more than N times: rules that set each other off "
                    + "forever (default: ${DEFAULT-VALUE}; the shipped rules need about 100).")
    int maxFirings;

    @Option(names = "--max-millis", paramLabel = "N", defaultValue = "1000",
            description = "Stop a decision that runs longer than N milliseconds, naming the rule running then "
                    + "(default: ${DEFAULT-VALUE}; a decision of the shipped rules takes well under one).")
    long maxMillis;

    /** Loads the knowledge base, or prints why it cannot and returns null. */
    KnowledgeBase load(PrintWriter err) {
        if (maxFirings < 1 || maxFirings > MOST_FIRINGS) {
            err.println("error: --max-firings must be from 1 to " + MOST_FIRINGS + ", got " + maxFirings);
            return null;
        }
        if (maxMillis < 1 || maxMillis > MOST_MILLIS) {
            err.println("error: --max-millis must be from 1 to " + MOST_MILLIS + " (an hour), got " + maxMillis);
            return null;
        }
        try {
            return KnowledgeBase.compile(RuleLocation.resolve(folder), CompiledRulesCache.standard())
                    .withMaxFirings(maxFirings).withMaxMillis(maxMillis);
        } catch (RuleLoadException e) {
            err.println("error: " + e.getMessage());
        } catch (RuleCompilationException e) {
            err.println("error: the rules do not compile (" + e.problems().size() + " problem"
                    + (e.problems().size() == 1 ? "" : "s") + "):");
            for (RuleProblem problem : e.problems()) {
                err.println("  " + problem);
            }
        }
        return null;
    }
}
