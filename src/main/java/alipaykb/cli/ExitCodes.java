package alipaykb.cli;

/** The exit codes every command follows. */
final class ExitCodes {
    /** Everything worked and every scenario passed. */
    static final int OK = 0;
    /** A scenario failed, or an input file could not be read or decided on. */
    static final int FAILED = 1;
    /** The command was used wrongly: an option, a missing file or folder, rules that do not compile. */
    static final int USAGE = 2;

    private ExitCodes() {
    }
}
