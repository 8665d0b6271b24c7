package alipaykb.engine;

/** The rule files could not be found or read. */
public class RuleLoadException extends RuntimeException {
    public RuleLoadException(String message) {
        super(message);
    }
}
