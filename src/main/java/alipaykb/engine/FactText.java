package alipaykb.engine;

import java.util.Collection;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Facts in readable form for explanations: the record's fields, without the provenance every output carries. */
public final class FactText {
    private static final Pattern PROVENANCES =
            Pattern.compile(",? ?because=\\[Provenance\\[[^\\]]*\\](, Provenance\\[[^\\]]*\\])*\\]");
    private static final Pattern PROVENANCE = Pattern.compile(",? ?because=Provenance\\[[^\\]]*\\]");
    private static final int MAX = 400;

    private FactText() {
    }

    /** One fact, or a value bound in a rule, as text. */
    public static String describe(Object fact) {
        if (fact == null) {
            return "null";
        }
        String text;
        if (fact instanceof Collection<?> items) {
            text = items.stream().map(FactText::describe).collect(Collectors.joining(", ", "[", "]"));
        } else {
            text = PROVENANCE.matcher(PROVENANCES.matcher(fact.toString()).replaceAll("")).replaceAll("");
        }
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() <= MAX ? text : text.substring(0, MAX - 3) + "...";
    }
}
