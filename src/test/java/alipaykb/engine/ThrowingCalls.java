package alipaykb.engine;

/** Members that throw what rule code could meet at worst; tests add them to the allow-list. */
public final class ThrowingCalls {
    private ThrowingCalls() {
    }

    /** An Error of no particular kind. */
    public static final class RuleError extends Error {
        private static final long serialVersionUID = 1L;

        RuleError(String message) {
            super(message);
        }
    }

    public static boolean stackOverflow(Object any) {
        throw new StackOverflowError();
    }

    public static boolean outOfMemory(Object any) {
        throw new OutOfMemoryError("Java heap space");
    }

    public static boolean error(Object any) {
        throw new RuleError("a rule's own Error");
    }

    public static boolean internalError(Object any) {
        throw new InternalError("an internal error");
    }
}
