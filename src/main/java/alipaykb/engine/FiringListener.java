package alipaykb.engine;

/**
 * Told of each rule firing while a decision is made, in firing order: for a service's own metrics, audit or
 * tracing. Called on the deciding thread; it must not block, and what it throws fails the decision.
 */
@FunctionalInterface
public interface FiringListener {
    /** One rule fired, with the facts it matched in readable form (card numbers only as their last four digits). */
    void fired(Firing firing);
}
