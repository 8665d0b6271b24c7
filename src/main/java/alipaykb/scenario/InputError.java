package alipaykb.scenario;

import alipaykb.facts.SafeText;
import java.nio.file.Path;

/**
 * An input file that cannot be used: which file, which line (0 when unknown) and what is wrong.
 * Its message never holds a card number, only a card's last four digits, nor a control or invisible character,
 * only its {@code U+XXXX} code: the file name and the problem are both written through {@link SafeText}.
 */
public class InputError extends Exception {
    private final Path file;
    private final int line;
    private final String problem;

    public InputError(Path file, int line, String problem) {
        super((file == null ? "(input)" : SafeText.oneLine(file.toString())) + (line > 0 ? ":" + line : "") + ": "
                + SafeText.oneLine(problem));
        this.file = file;
        this.line = line;
        this.problem = SafeText.oneLine(problem);
    }

    /** The file, or null when the input came from elsewhere. */
    public Path file() {
        return file;
    }

    /** The 1-based line, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** What is wrong. */
    public String problem() {
        return problem;
    }
}
