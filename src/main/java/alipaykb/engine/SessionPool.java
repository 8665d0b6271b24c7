package alipaykb.engine;

import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;

/**
 * The sessions decisions are made in, reused: a pooled session is reset when a decision is done with it
 * (disposed), which keeps the memory Drools builds for each rule instead of building it again for every
 * decision. A pool whose session was stopped in the middle of a rule is dropped whole, and the next decision
 * starts a new one.
 */
final class SessionPool {
    private final KieBase kieBase;
    private volatile KieSessionsPool pool;

    SessionPool(KieBase kieBase) {
        this.kieBase = kieBase;
    }

    /** A session from the pool; disposing it gives it back. */
    KieSession take() {
        KieSessionsPool current = pool;
        if (current == null) {
            synchronized (this) {
                current = pool;
                if (current == null) {
                    current = kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors());
                    pool = current;
                }
            }
        }
        return current.newKieSession();
    }

    /** Drops the pool: none of its sessions is trusted again. */
    synchronized void drop() {
        pool = null;
    }
}
