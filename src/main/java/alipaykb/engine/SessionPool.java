package alipaykb.engine;

import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.conf.KeepReferenceOption;

/**
 * The sessions decisions are made in, reused: a pooled session is reset when a decision is done with it
 * (disposed), which keeps the memory Drools builds for each rule instead of building it again for every
 * decision. A pool whose session was stopped in the middle of a rule is dropped whole, and the next decision
 * starts a new one. The knowledge base keeps no reference to the sessions, so that a session stopped in the
 * middle of a runaway join, never disposed, is dropped with whatever it holds.
 */
final class SessionPool {
    private final KieBase kieBase;
    /** One configuration for every session of the pool: the pool keeps its sessions by configuration. */
    private final KieSessionConfiguration configuration;
    private volatile KieSessionsPool pool;

    SessionPool(KieBase kieBase) {
        this.kieBase = kieBase;
        this.configuration = KieServices.get().newKieSessionConfiguration();
        this.configuration.setOption(KeepReferenceOption.NO);
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
        return current.newKieSession(configuration);
    }

    /** Drops the pool: none of its sessions is trusted again. */
    synchronized void drop() {
        pool = null;
    }
}
