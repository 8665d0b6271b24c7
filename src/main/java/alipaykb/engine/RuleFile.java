package alipaykb.engine;

import java.util.Objects;

/**
 * One rule file: its name as the analyst sees it ({@code fees.drl}), where it was read from, and its text.
 *
 * @param location the path or classpath location it was read from, for messages
 */
public record RuleFile(String name, String location, String text) {
    public RuleFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(text, "text");
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a rule file's name may not hold the character NUL");
        }
    }
}
