package alipaykb.facts;

/**
 * A fact that cannot be built from what was given. {@link #field()} names where the problem is, as a
 * path into the profile such as {@code transactions[2].via}, so that readers of input files can point
 * at the line; {@link #problem()} says what is wrong.
 */
public class InvalidFactException extends IllegalArgumentException {
    private final String field;
    private final String problem;

    public InvalidFactException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
        this.problem = problem;
    }

    /** Where the problem is: a field name, or a path such as {@code cards[1].number}. */
    public String field() {
        return field;
    }

    /** What is wrong, in words that follow the field name. */
    public String problem() {
        return problem;
    }

    /** The same problem, seen from the element that holds the field: {@code via} inside {@code transactions[2]}. */
    public InvalidFactException within(String element) {
        return new InvalidFactException(element + "." + field, problem);
    }
}
