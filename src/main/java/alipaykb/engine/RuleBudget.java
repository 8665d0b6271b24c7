package alipaykb.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.kie.api.runtime.KieSession;

/**
 * The time one decision may take: the processor time its thread spends, so that a busy machine, where a
 * thread waits for a core, does not fail decisions that do little (where the JVM cannot tell a thread's
 * processor time, the time on the clock). A decision that runs past its bound is halted between rule firings,
 * and the code compiled from rule files, which asks {@link #tick()} first in every method, stops at its
 * next step. Rule code cannot loop or call itself (see {@link BytecodeVerifier}), so it reaches that
 * step soon. Work inside the engine that runs no rule code (joining many facts that no condition
 * relates) is stopped outright, with its thread, once a grace period has passed too.
 */
public final class RuleBudget implements AutoCloseable {
    /** How long a decision may run, unless told otherwise. */
    public static final long DEFAULT_MAX_MILLIS = 1_000;

    private static final Thread TIMER = timer();
    /** Every decision running now; a timer looks at them every few milliseconds. */
    private static final java.util.Set<RuleBudget> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** How often the timer looks at the running decisions. */
    private static final long SWEEP_MILLIS = 10;

    static {
        TIMER.start();
    }

    /**
     * A round of the timer that never ends the timer, or every bound would go with it: in a heap that a decision
     * filled, even the round's few objects may not be made (an {@code OutOfMemoryError}); the next round comes all
     * the same.
     */
    private static void sweepWhatever() {
        try {
            sweep();
        } catch (Throwable e) {
            // the next round, in 10 ms
        }
    }

    static {
        watchCollections();
    }

    /**
     * Asks the JVM to say, right after a collection, when a pool of the heap is still more than {@link #HEAP_FULL}
     * full: a decision that keeps what it makes fills the heap between two rounds of the timer, and the collector
     * is the first to know. The round then runs at once.
     */
    private static void watchCollections() {
        try {
            for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
                long max = pool.getUsage() == null ? -1 : pool.getUsage().getMax();
                if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.isCollectionUsageThresholdSupported()
                        && max > 0) {
                    pool.setCollectionUsageThreshold((long) (HEAP_FULL * max));
                }
            }
            ((javax.management.NotificationEmitter) java.lang.management.ManagementFactory.getMemoryMXBean())
                    .addNotificationListener((notification, handback) -> {
                if (java.lang.management.MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED
                        .equals(notification.getType())) {
                    sweepWhatever();
                }
            }, null, null);
        } catch (RuntimeException | LinkageError e) {
            // the timer's rounds alone, then
        }
    }
    private static final ThreadLocal<RuleBudget> CURRENT = new ThreadLocal<>();
    /** How many decisions are past their bound and not yet stopped: rule code looks further only then. */
    private static final AtomicInteger EXPIRED = new AtomicInteger();

    private static final java.lang.management.ThreadMXBean THREADS = threads();

    private final long maxMillis;
    private final Thread thread = Thread.currentThread();
    private final KieSession session;
    /** When the decision started, in the thread's processor time (or the clock's), in nanoseconds. */
    private final long start;
    private volatile boolean expired;
    private boolean counted;
    /** Whether the decision is still running: guarded by this, so that a stop never lands after it. */
    private boolean running = true;
    private volatile boolean stopRequested;
    private volatile boolean outOfMemory;
    private volatile boolean stopArrived;

    private RuleBudget(long maxMillis, KieSession session) {
        this.maxMillis = maxMillis;
        this.session = session;
        this.start = THREADS != null ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
        this.startAllocated = UNBOUNDED_ALLOCATION.get() ? -1 : allocated(thread);
    }

    /** Whether runs on this thread now are not bound by what they allocate (a diagnosis, not a decision). */
    private static final ThreadLocal<Boolean> UNBOUNDED_ALLOCATION = ThreadLocal.withInitial(() -> false);

    /**
     * Runs work whose rule runs are not bound by what they allocate, only by the time, the firings and a full heap:
     * finding why a rule did not fire keeps every near miss of many probe rules, far more than a decision allocates.
     */
    static <T> T withoutAllocationBound(java.util.function.Supplier<T> work) {
        boolean before = UNBOUNDED_ALLOCATION.get();
        UNBOUNDED_ALLOCATION.set(true);
        try {
            return work.get();
        } finally {
            UNBOUNDED_ALLOCATION.set(before);
        }
    }

    /** The bytes the thread had allocated when the decision started, or -1 where the JVM does not count them. */
    private final long startAllocated;

    /**
     * How many bytes one decision may allocate: a quarter of the most the heap may grow to, at least 64 MB. A usual
     * decision allocates some 150 KB; one past this bound is filling the heap (a join no condition bounds, facts made
     * without end), and is stopped before the heap is full, whatever other threads need of it.
     */
    static final long MAX_ALLOCATED = Math.max(64L << 20, Runtime.getRuntime().maxMemory() == Long.MAX_VALUE
            ? 64L << 20 : Runtime.getRuntime().maxMemory() / 4);

    /** The bytes a thread has allocated so far, or -1 where the JVM does not count them. */
    private static long allocated(Thread thread) {
        try {
            return THREADS instanceof com.sun.management.ThreadMXBean counting && counting.isThreadAllocatedMemoryEnabled()
                    ? counting.getThreadAllocatedBytes(thread.getId()) : -1;
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }

    /** Whether the decision allocated more than {@link #MAX_ALLOCATED} bytes since it started. */
    private boolean allocatedTooMuch() {
        if (startAllocated < 0) {
            return false;
        }
        long now = allocated(thread);
        return now >= 0 && now - startAllocated > MAX_ALLOCATED;
    }

    private static java.lang.management.ThreadMXBean threads() {
        try {
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            // The JVM's own setting is left as it is: where measuring is off, the clock is used.
            if (threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled()) {
                return threads;
            }
        } catch (RuntimeException | LinkageError e) {
            // the clock it is
        }
        return null;
    }

    /** How long the decision has run, in nanoseconds of its thread's processor time (or of the clock). */
    private long spent() {
        if (THREADS == null) {
            return System.nanoTime() - start;
        }
        long now = THREADS.getThreadCpuTime(thread.getId());
        return now < 0 ? 0 : now - start;
    }

    /** The timer's round: halts the decisions past their bound, and stops those long past it. */
    private static void sweep() {
        boolean heapNearlyFull = heapNearlyFull();
        for (RuleBudget budget : RUNNING) {
            long spent = budget.spent();
            long bound = TimeUnit.MILLISECONDS.toNanos(budget.maxMillis);
            if (spent - bound - TimeUnit.MILLISECONDS.toNanos(graceMillis(budget.maxMillis)) >= 0) {
                budget.stopThread();
            } else if (spent - bound >= 0 && !budget.expired) {
                budget.expire(budget.session);
            }
            if (heapNearlyFull && spent >= TimeUnit.MILLISECONDS.toNanos(MEMORY_SUSPECT_MILLIS)
                    || budget.allocatedTooMuch()) {
                // Rules (a join no condition bounds, facts made without end) can fill the heap before the time bound
                // stops them. A usual decision takes well under a millisecond: one running this long is filling it.
                budget.stopForMemory();
            }
        }
    }

    /** How full the heap may be, as a share of its most, before the decisions that have run long are stopped. */
    static final double HEAP_FULL = 0.85;
    /** How long a decision must have run to be stopped when the heap is nearly full: far longer than any usual one. */
    static final long MEMORY_SUSPECT_MILLIS = 50;

    /**
     * Whether the heap is nearly full: in use, garbage included, past {@link #HEAP_FULL} of the most it may grow to.
     * Asked of the runtime, which makes no object to answer.
     */
    private static boolean heapNearlyFull() {
        Runtime runtime = Runtime.getRuntime();
        long max = runtime.maxMemory();
        return max != Long.MAX_VALUE && runtime.totalMemory() - runtime.freeMemory() > HEAP_FULL * max;
    }

    /** Stops the decision's thread because the heap is nearly full while it runs. */
    private synchronized void stopForMemory() {
        if (running && !stopRequested) {
            outOfMemory = true;
            stopThread();
            if (!stopRequested) {
                outOfMemory = false;
            }
        }
    }

    /** Whether the decision was stopped because the heap was nearly full while it ran. */
    boolean stoppedForMemory() {
        return outOfMemory;
    }

    /** How long after its bound a decision that neither halted nor reached rule code is stopped outright. */
    static long graceMillis(long maxMillis) {
        return Math.max(1_000, maxMillis);
    }

    /**
     * The last resort, for work inside the engine that runs no rule code and so never meets the time check:
     * the decision's thread is stopped. Where the Java runtime no longer stops threads, this does nothing.
     */
    @SuppressWarnings({"deprecation", "removal"})
    private synchronized void stopThread() {
        if (running && !stopRequested) {
            try {
                stopRequested = true;
                thread.stop();
            } catch (UnsupportedOperationException | SecurityException e) {
                stopRequested = false;
            }
        }
    }

    /** Whether the decision's thread was stopped. */
    boolean stopRequested() {
        return stopRequested;
    }

    /** The stop reached the decision's thread. */
    void stopArrived() {
        stopArrived = true;
    }

    /**
     * Waits, on the decision's thread, for a stop that was requested and has not arrived yet, so that it
     * arrives here and not in the caller's code. Gives up after a few seconds.
     */
    void awaitStop() {
        if (stopRequested && !stopArrived) {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!stopArrived && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        }
    }

    /**
     * The timer: a thread of its own that looks at the running decisions every {@link #SWEEP_MILLIS} ms. Its loop
     * makes no object (a pool's worker does, to wait, and dies of an {@code OutOfMemoryError} there), and catches
     * whatever a round throws, so that it runs as long as the JVM does, however full the heap.
     */
    private static Thread timer() {
        Thread thread = new Thread(() -> {
            while (true) {
                try {
                    java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(SWEEP_MILLIS));
                    sweep();
                } catch (Throwable e) {
                    // the next round
                }
            }
        }, "alipay-kb decision timer");
        thread.setDaemon(true);
        return thread;
    }

    /** Starts the clock of a decision made on this thread in that session. */
    static RuleBudget start(long maxMillis, KieSession session) {
        RuleBudget budget = new RuleBudget(maxMillis, session);
        CURRENT.set(budget);
        RUNNING.add(budget);
        return budget;
    }

    private synchronized void expire(KieSession session) {
        if (!running || expired) {
            return;
        }
        expired = true;
        counted = true;
        EXPIRED.incrementAndGet();
        session.halt();
    }

    /** Whether the decision ran out of time. */
    boolean expired() {
        return expired;
    }

    long maxMillis() {
        return maxMillis;
    }

    @Override
    public synchronized void close() {
        running = false;
        RUNNING.remove(this);
        CURRENT.remove();
        if (counted) {
            counted = false;
            EXPIRED.decrementAndGet();
        }
    }

    /**
     * Called first by every method compiled from a rule file: stops the decision when it is out of time.
     * Not for rule files, which may not call it.
     */
    public static void tick() {
        if (EXPIRED.get() > 0) {
            RuleBudget budget = CURRENT.get();
            if (budget != null && budget.expired) {
                throw new OutOfTime(budget.maxMillis);
            }
        }
    }

    /** Thrown into rule code that runs past its decision's time bound. */
    static final class OutOfTime extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutOfTime(long maxMillis) {
            // with its stack: where it is thrown names the rule whose compiled code was running
            super("the decision ran for more than " + maxMillis + " ms", null, false, true);
        }
    }
}
