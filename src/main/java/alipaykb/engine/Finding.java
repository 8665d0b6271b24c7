package alipaykb.engine;

/**
 * Something {@code check} found in the rule files: an error, or a warning that {@code --strict} turns into a failure.
 *
 * @param line   1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 */
public record Finding(Severity severity, String file, int line, int column, String message) {
    /** How serious a finding is. */
    public enum Severity {
        ERROR, WARNING
    }

    /** A compile problem, as an error. */
    static Finding of(RuleProblem problem) {
        return new Finding(Severity.ERROR, problem.file(), problem.line(), problem.column(), problem.message());
    }

    @Override
    public String toString() {
        return RuleProblem.where(file, line, column) + ": " + severity.name().toLowerCase() + ": " + message;
    }
}
