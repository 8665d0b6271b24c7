package alipaykb.engine;

import alipaykb.decisions.Decision;
import alipaykb.decisions.Provenance;
import alipaykb.decisions.TierAssignment;
import alipaykb.decisions.TierCode;
import alipaykb.facts.Evaluation;
import alipaykb.facts.FxRate;
import alipaykb.facts.Profile;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.KieBase;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.AgendaGroup;
import org.kie.api.runtime.rule.ConsequenceException;
import org.kie.api.runtime.rule.Match;

/**
 * A compiled set of rule files, ready to make decisions. Load it once; {@link #evaluate(Profile)}
 * may then be called from many threads at once, each call in its own rule session.
 *
 * <pre>{@code
 * KnowledgeBase kb = KnowledgeBase.load(Path.of("rules"));
 * Decision decision = kb.evaluate(profile);
 * }</pre>
 */
public final class KnowledgeBase {
    /** How many rule firings one decision may take before it is stopped as a runaway. */
    public static final int DEFAULT_MAX_FIRINGS = 10_000;

    private final RuleSet rules;
    private volatile RuleCatalog catalog;
    private final KieBase kieBase;
    private final int maxFirings;
    private final long maxMillis;
    /** Which rule each class compiled from the rule files belongs to: to name the rule whose condition failed. */
    private final Map<String, String> ruleOfClass;
    private final Map<String, String> ruleSources;
    private final SessionPool sessions;

    private KnowledgeBase(RuleSet rules, RuleCatalog catalog, KieBase kieBase, int maxFirings, long maxMillis,
                          Map<String, String> ruleOfClass) {
        this.ruleOfClass = ruleOfClass;
        this.rules = rules;
        this.catalog = catalog;
        this.kieBase = kieBase;
        this.sessions = new SessionPool(kieBase);
        this.maxFirings = maxFirings;
        this.maxMillis = maxMillis;
        Map<String, String> sources = new TreeMap<>();
        kieBase.getKiePackages().stream().flatMap(p -> p.getRules().stream())
                .forEach(rule -> sources.put(rule.getName(), String.valueOf(rule.getMetaData().get("source"))));
        this.ruleSources = Collections.unmodifiableMap(sources);
    }

    /** Compiles the {@code .drl} files of a folder. */
    public static KnowledgeBase load(Path rulesFolder) {
        return compile(RuleSet.fromFolder(rulesFolder));
    }

    /** Compiles the shipped rules that the jar carries. */
    public static KnowledgeBase embedded() {
        return compile(RuleSet.embedded());
    }

    /**
     * Compiles a rule set in memory.
     *
     * @throws RuleCompilationException with every problem found, when a rule file does not compile
     */
    public static KnowledgeBase compile(RuleSet rules) {
        return compile(rules, null);
    }

    /**
     * Compiles a rule set in memory, taking from the cache every file it holds compiled by this very build
     * (by the hash of the file's name and contents): only the files that changed are compiled.
     *
     * @param cache where compiled rule sets are kept between runs, or null for none
     * @throws RuleCompilationException with every problem found, when a rule file does not compile
     */
    public static KnowledgeBase compile(RuleSet rules, CompiledRulesCache cache) {
        return compile(rules, cache, AllowList.standard());
    }

    /** Compiles a rule set against another allow-list: for tests of what rule code may reach. */
    static KnowledgeBase compile(RuleSet rules, CompiledRulesCache cache, AllowList allowList) {
        try {
            RuleCatalog catalog = RuleCatalog.read(rules);
            List<RuleCompiler.Checked> checked = RuleCompiler.check(rules, catalog, allowList,
                    allowList == AllowList.standard() ? cache : null);
            Map<String, String> ruleOfClass = new java.util.HashMap<>();
            checked.forEach(file -> file.ruleOfClass().forEach(ruleOfClass::putIfAbsent));
            return new KnowledgeBase(rules, catalog, RuleCompiler.newKieBase(checked, catalog), DEFAULT_MAX_FIRINGS,
                    RuleBudget.DEFAULT_MAX_MILLIS, Map.copyOf(ruleOfClass));
        } catch (RuleCompilationException e) {
            throw e;
        } catch (RuntimeException | LinkageError | StackOverflowError | OutOfMemoryError e) {
            // Whatever else a rule file does to the compilers is a problem with the rules, never a crash.
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
            throw new RuleCompilationException(List.of(new RuleProblem(null, 0, 0, "the rules could not be compiled: "
                    + (e instanceof StackOverflowError ? "they nest too deeply" : message.lines().findFirst().orElse(message))
                    + ". Hint: compare with the shipped rules; simplify what you changed last.")));
        }
    }

    /** The same rules with another limit on the rule firings of one decision. */
    public KnowledgeBase withMaxFirings(int maxFirings) {
        if (maxFirings < 1) {
            throw new IllegalArgumentException("maxFirings must be 1 or more");
        }
        return new KnowledgeBase(rules, catalog, kieBase, maxFirings, maxMillis, ruleOfClass);
    }

    /**
     * The same rules with another bound on the time one decision may take: a decision that runs longer is
     * stopped and fails with {@link EvaluationException}.
     */
    public KnowledgeBase withMaxMillis(long maxMillis) {
        if (maxMillis < 1) {
            throw new IllegalArgumentException("maxMillis must be 1 or more");
        }
        return new KnowledgeBase(rules, catalog, kieBase, maxFirings, maxMillis, ruleOfClass);
    }

    /** How long one decision may take, in milliseconds. */
    public long maxMillis() {
        return maxMillis;
    }

    /** How many facts the rules of one decision may insert: ten for every firing allowed. */
    int maxFacts() {
        return (int) Math.min(Integer.MAX_VALUE, 10L * maxFirings);
    }

    /** How many rule firings one decision may take. */
    public int maxFirings() {
        return maxFirings;
    }

    /** The rule files this knowledge base was compiled from. */
    public RuleSet rules() {
        return rules;
    }

    /** What the rule files say about each rule: file, line, source, phase. Read when first asked for. */
    public RuleCatalog catalog() {
        RuleCatalog read = catalog;
        if (read == null) {
            read = RuleCatalog.read(rules);
            catalog = read;
        }
        return read;
    }

    /** The names of every rule. */
    public Set<String> ruleNames() {
        return ruleSources.keySet();
    }

    /** Every rule's name and the source its {@code @source} cites ("null" when it cites none). */
    public Map<String, String> ruleSources() {
        return ruleSources;
    }

    /** The version of the rule set: a hash of the rule files' contents. */
    public String version() {
        return rules.version();
    }

    /**
     * Makes the decision for one profile.
     *
     * @throws EvaluationException when a rule fails while it runs or the rules do not come to rest
     */
    public Decision evaluate(Profile profile) {
        return run(profile, new FiringRecorder(), constants());
    }

    /**
     * Makes the decision for one profile and tells the listener of every rule firing, in order, as it happens:
     * the reference tables' rules too, which {@link #evaluate(Profile)} runs once per knowledge base.
     *
     * @throws EvaluationException as {@link #evaluate(Profile)} does, also when the listener throws
     */
    public Decision evaluate(Profile profile, FiringListener listener) {
        java.util.Objects.requireNonNull(listener, "listener");
        return run(profile, new FiringRecorder(catalog(), false, null, listener), Constants.NONE);
    }

    /**
     * Makes the decision for one profile and keeps every rule firing, in order, with the facts it matched.
     *
     * @throws EvaluationException as {@link #evaluate(Profile)} does
     */
    public Explanation explain(Profile profile) {
        FiringRecorder recorder = new FiringRecorder(catalog(), true, null);
        Decision decision = run(profile, recorder, Constants.NONE);
        return new Explanation(decision, recorder.firings());
    }

    /**
     * Why a rule did or did not fire for a profile: for a rule that did not, the first condition that
     * failed and the facts that came nearest.
     *
     * @throws IllegalArgumentException when no rule has that name
     */
    public NearMiss whyNot(Profile profile, String ruleName) {
        return NearMissFinder.find(this, profile, ruleName);
    }

    /** Makes the decision, showing every match that fires to the observer. */
    Explanation explain(Profile profile, Consumer<Match> observer) {
        FiringRecorder recorder = new FiringRecorder(catalog(), true, observer);
        Decision decision = run(profile, recorder, Constants.NONE);
        return new Explanation(decision, recorder.firings());
    }

    private Decision run(Profile profile, FiringRecorder recorder, Constants constants) {
        KieSession session = sessions.take();
        return bounded(session, true, recorder, (budget, facts) -> {
            recorder.firedBefore(constants.firings());
            constants.facts().forEach(session::insert);
            session.insert(new Evaluation(profile.asOf()));
            profile.fx().forEach((currency, rate) -> session.insert(new FxRate(currency, rate, true)));
            session.insert(profile.user());
            profile.cards().forEach(session::insert);
            profile.transactions().forEach(session::insert);
            session.insert(profile.usage().judging(1));
            facts.startCounting();
            focusPhases(session);
            int fired = constants.rules().isEmpty() ? session.fireAllRules(maxFirings + 1)
                    : session.fireAllRules(match -> !constants.rules().contains(match.getRule()), maxFirings + 1);
            if (budget.expired()) {
                throw outOfTime(recorder);
            }
            if (fired > maxFirings) {
                throw new EvaluationException("the rules fired more than " + maxFirings + " times without coming to "
                        + "rest, so the decision was stopped: rules that set each other off again and again? Most fired: "
                        + recorder.mostFired(3), recorder.mostFiredRule(), null);
            }
            return DecisionAssembly.assemble(session.getObjects(), profile, recorder.firedRules(), rules.version());
        });
    }

    /** What runs in a session under a time bound. */
    private interface Bounded<T> {
        T run(RuleBudget budget, FactCounter facts);
    }

    /**
     * Runs rules in a session within the time bound, and turns whatever they throw into an
     * {@link EvaluationException}. Past the bound the session is halted, and rule code stops at its next
     * step; if neither happens within a grace period (the engine's own work, such as joining facts no
     * condition relates, runs no rule code), the thread is stopped, the session and its pool dropped.
     */
    private <T> T bounded(KieSession session, boolean pooled, FiringRecorder recorder, Bounded<T> body) {
        FactCounter facts = new FactCounter(maxFacts());
        session.addEventListener(recorder);
        session.addEventListener(facts);
        RuleBudget budget = RuleBudget.start(maxMillis, session);
        boolean stopped = false;
        try {
            try {
                return body.run(budget, facts);
            } catch (EvaluationException e) {
                throw e;
            } catch (Throwable e) {
                if (causedBy(e, ThreadDeath.class)) {
                    budget.stopArrived();
                }
                throw failure(e, budget, recorder, facts);
            } finally {
                budget.close();
                budget.awaitStop();
            }
        } catch (ThreadDeath death) {
            if (!budget.stopRequested()) {
                throw death;
            }
            stopped = true;
            budget.close();
            throw outOfTime(recorder);
        } finally {
            stopped |= budget.stopRequested();
            if (stopped) {
                // The thread was stopped wherever it was: neither the session nor the sessions pooled with it
                // are trusted again.
                if (pooled) {
                    sessions.drop();
                }
            } else {
                session.removeEventListener(recorder);
                session.removeEventListener(facts);
                // Back to the pool, where it is reset: every node memory is cleared, whatever a failure left.
                session.dispose();
            }
        }
    }


    /** Whatever rule code threw, Errors included, as the failure of this one decision, naming the rule. */
    private EvaluationException failure(Throwable thrown, RuleBudget budget, FiringRecorder recorder, FactCounter facts) {
        if (budget.expired() || budget.stopRequested() || causedBy(thrown, RuleBudget.OutOfTime.class)) {
            return outOfTime(recorder);
        }
        if (causedBy(thrown, FactCounter.TooManyFacts.class)) {
            return new EvaluationException("the rules inserted more than " + maxFacts() + " facts, so the decision was"
                    + " stopped: rules that insert again and again? Most fired: " + recorder.mostFired(3),
                    recorder.mostFiredRule(), null);
        }
        String rule = thrown instanceof ConsequenceException consequence && consequence.getRule() != null
                ? consequence.getRule().getName() : recorder.runningRule();
        boolean inActions = rule != null;
        if (rule == null) {
            rule = ruleInStack(thrown);
        }
        Throwable cause = thrown instanceof ConsequenceException && thrown.getCause() != null ? thrown.getCause() : thrown;
        if (rule == null) {
            return new EvaluationException("a rule failed while its conditions were evaluated: " + describe(cause), null,
                    null);
        }
        String where = catalog().rule(rule).map(info -> " (" + info.where() + ")").orElse("");
        return new EvaluationException("rule \"" + rule + "\"" + where + " failed in its "
                + (inActions ? "actions" : "conditions") + ": " + describe(cause), rule, null,
                inActions ? facts.insertedLastBy(rule) : -1);
    }

    /** The rule whose compiled code threw, read from where the throwable was thrown. */
    private String ruleInStack(Throwable thrown) {
        for (Throwable at = thrown; at != null; at = at.getCause() == at ? null : at.getCause()) {
            for (StackTraceElement frame : at.getStackTrace()) {
                String rule = ruleOfClass.getOrDefault(frame.getClassName() + "#" + frame.getMethodName(),
                        ruleOfClass.get(frame.getClassName()));
                if (rule != null) {
                    return rule;
                }
            }
        }
        return null;
    }

    private EvaluationException outOfTime(FiringRecorder recorder) {
        String rule = recorder.runningRule() != null ? recorder.runningRule() : recorder.lastFiredRule();
        String where = rule == null ? "" : catalog().rule(rule).map(info -> " (" + info.where() + ")").orElse("");
        return new EvaluationException("the decision ran for more than " + maxMillis + " ms and was stopped"
                + (rule == null ? "" : "; the rule running last: \"" + rule + "\"" + where)
                + ". Most fired: " + recorder.mostFired(3), rule, null);
    }

    private static boolean causedBy(Throwable thrown, Class<? extends Throwable> type) {
        for (Throwable at = thrown; at != null; at = at.getCause() == at ? null : at.getCause()) {
            if (type.isInstance(at)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Rules without conditions insert the same facts for every decision (the reference tables), so they
     * run once per rule set: each decision gets their facts, and lists them among the rules that fired.
     */
    record Constants(List<Object> facts, Set<Rule> rules, Map<Rule, Integer> firings) {
        static final Constants NONE = new Constants(List.of(), Set.of(), Map.of());
    }

    private volatile Constants constants;

    private Constants constants() {
        Constants known = constants;
        if (known == null) {
            known = computeConstants();
            constants = known;
        }
        return known;
    }

    private Constants computeConstants() {
        Set<Rule> rules = new HashSet<>();
        kieBase.getKiePackages().forEach(p -> p.getRules().stream()
                .filter(rule -> rule instanceof RuleImpl impl && impl.getLhs().getChildren().isEmpty()
                        && !impl.hasNamedConsequences())
                .forEach(rules::add));
        if (rules.isEmpty()) {
            return Constants.NONE;
        }
        KieSession session = kieBase.newKieSession();
        FiringRecorder recorder = new FiringRecorder();
        try {
            return bounded(session, false, recorder, (budget, facts) -> {
                focusPhases(session);
                session.fireAllRules(match -> rules.contains(match.getRule()), maxFirings);
                if (budget.expired()) {
                    return Constants.NONE;
                }
                List<Object> made = session.getObjects().stream()
                        .filter(fact -> !FiringRecorder.isInitialFact(fact)).map(Object.class::cast).toList();
                return new Constants(made, Set.copyOf(rules), recorder.counts());
            });
        } catch (EvaluationException e) {
            // The rules will fail the same way in each decision, which reports it properly.
            return Constants.NONE;
        }
    }

    /**
     * The facts the reference and classify phases derive from the given facts alone, with no profile:
     * what {@code check} uses to look at the tables and limits the rules set up.
     */
    List<Object> probeClassification(List<Object> facts) {
        KieSession session = kieBase.newKieSession();
        FiringRecorder recorder = new FiringRecorder();
        return bounded(session, false, recorder, (budget, counter) -> {
            session.insert(new Evaluation(LocalDate.now()));
            facts.forEach(session::insert);
            counter.startCounting();
            focusPhases(session);
            session.fireAllRules(match -> catalog().rule(match.getRule().getName())
                    .map(rule -> rule.phase() != null).orElse(false), maxFirings);
            if (budget.expired()) {
                throw outOfTime(recorder);
            }
            return new ArrayList<>(session.getObjects());
        });
    }

    /** A tier assignment made by {@code check} to see which limits a tier gets. */
    static TierAssignment tierProbe(TierCode tier) {
        return new TierAssignment(tier, Set.of(), new Provenance("check", null, null));
    }

    /**
     * Rules run in three phases, each an agenda group: "reference" inserts the reference tables,
     * "classify" derives the facts that decisions match on, and the main group decides. A rule that
     * names no agenda group decides.
     */
    static final List<String> PHASES = List.of("reference", "classify");

    private static void focusPhases(KieSession session) {
        // Focus is a stack: the phase focused last runs first.
        for (int i = PHASES.size() - 1; i >= 0; i--) {
            AgendaGroup phase = session.getAgenda().getAgendaGroup(PHASES.get(i));
            if (phase != null) {
                phase.setFocus();
            }
        }
    }

    private static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message.strip());
    }
}
