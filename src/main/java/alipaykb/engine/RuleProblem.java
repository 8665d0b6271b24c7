package alipaykb.engine;

/**
 * A problem found in a rule file while compiling it.
 *
 * @param file   the rule file's name, such as {@code fees.drl}
 * @param line   1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 */
public record RuleProblem(String file, int line, int column, String message) {
    @Override
    public String toString() {
        return where(file, line, column) + ": " + message;
    }

    /** {@code FILE:LINE:COL}, leaving out what is not known. */
    static String where(String file, int line, int column) {
        StringBuilder where = new StringBuilder(file == null ? "(rules)" : file);
        if (line > 0) {
            where.append(':').append(line);
            if (column > 0) {
                where.append(':').append(column);
            }
        }
        return where.toString();
    }
}
