package alipaykb.engine;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the rules come from when a command runs: a folder given, else {@code ./rules}, else the embedded rules. */
public final class RuleLocation {
    /** The folder used when none is given, relative to the working folder. */
    public static final Path DEFAULT_FOLDER = Path.of("rules");

    private RuleLocation() {
    }

    /**
     * The rule set to use.
     *
     * @param folder the folder given by the user, or null
     * @throws RuleLoadException when a given folder is missing or holds no rule file
     */
    public static RuleSet resolve(Path folder) {
        if (folder != null) {
            return RuleSet.fromFolder(folder);
        }
        if (Files.isDirectory(DEFAULT_FOLDER) && hasRuleFile(DEFAULT_FOLDER)) {
            return RuleSet.fromFolder(DEFAULT_FOLDER);
        }
        return RuleSet.embedded();
    }

    private static boolean hasRuleFile(Path folder) {
        try (var files = Files.walk(folder)) {
            return files.anyMatch(path -> path.toString().endsWith(".drl"));
        } catch (Exception e) {
            return false;
        }
    }
}
