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
    private static final Pattern TRAILING_ZEROS = Pattern.compile("(?<![\\w.])(\\d+\\.\\d\\d\\d*?)0+(?![\\w.])");

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
        // A decimal the rules computed keeps the scale of its factors (356172.800000): past two decimals its trailing
        // zeros add digits that say nothing, and would make a run of 12 that every output cuts.
        text = TRAILING_ZEROS.matcher(text).replaceAll("$1");
        return text.length() <= MAX ? text : text.substring(0, MAX - 3) + "...";
    }
}
