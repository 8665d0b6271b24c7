package alipaykb.scenario;

import alipaykb.facts.CardNumber;
import java.nio.file.Path;

/**
 * An input file that cannot be used: which file, which line (0 when unknown) and what is wrong.
 * Its message never holds a card number, only a card's last four digits.
 */
public class InputError extends Exception {
    private final Path file;
    private final int line;
    private final String problem;

    public InputError(Path file, int line, String problem) {
        super((file == null ? "(input)" : visible(file.toString())) + (line > 0 ? ":" + line : "") + ": "
                + visible(CardNumber.maskIn(problem)));
        this.file = file;
        this.line = line;
        this.problem = visible(CardNumber.maskIn(problem));
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

    /**
     * The text with control and invisible characters written as {@code U+XXXX}: what a file holds can
     * neither move a terminal's cursor, retitle it nor hide text in an error message.
     */
    static String visible(String text) {
        StringBuilder shown = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.PRIVATE_USE
                    || type == Character.SURROGATE || type == Character.UNASSIGNED) {
                shown.append(String.format("U+%04X", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return shown.toString();
    }
}
