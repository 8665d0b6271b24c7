package alipaykb.engine;

import alipaykb.decisions.Decision;
import alipaykb.facts.Evaluation;
import alipaykb.facts.FxRate;
import alipaykb.facts.Profile;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.kie.api.KieBase;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.KieSession;
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
    private final BoundedRun bounds;
    /** Each rule's place in the rule files, file by file (in name order) and top to bottom. */
    private final Map<String, Integer> placeOfRule;
    /** The knowledge base built again from the same compiled rules, without the rules named. */
    private final Function<Set<String>, KieBase> without;

    private KnowledgeBase(RuleSet rules, RuleCatalog catalog, KieBase kieBase, Function<Set<String>, KieBase> without,
                          int maxFirings, long maxMillis, Map<String, String> ruleOfClass,
                          Map<String, Integer> placeOfRule) {
        this.without = without;
        this.ruleOfClass = ruleOfClass;
        this.placeOfRule = placeOfRule;
        this.rules = rules;
        this.catalog = catalog;
        this.kieBase = kieBase;
        this.sessions = new SessionPool(kieBase);
        this.maxFirings = maxFirings;
        this.maxMillis = maxMillis;
        this.bounds = new BoundedRun(maxFirings, maxMillis, this::catalog, ruleOfClass);
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
            // The catalog is read only when something needs it: rule files this process or the cache checked before
            // are not parsed again to make decisions.
            RuleCatalog[] catalog = new RuleCatalog[1];
            List<RuleCompiler.Checked> checked = RuleCompiler.check(rules, () -> catalog[0] = RuleCatalog.read(rules),
                    allowList, allowList == AllowList.standard() ? cache : null);
            Map<String, String> ruleOfClass = new java.util.HashMap<>();
            Map<String, Integer> order = new java.util.HashMap<>();
            for (RuleCompiler.Checked file : checked) {
                file.ruleOfClass().forEach(ruleOfClass::putIfAbsent);
                file.outline().rules().forEach(rule -> order.putIfAbsent(rule, order.size()));
            }
            return new KnowledgeBase(rules, catalog[0], RuleCompiler.newKieBase(checked),
                    names -> RuleCompiler.newKieBase(checked, name -> !names.contains(name)), DEFAULT_MAX_FIRINGS,
                    RuleBudget.DEFAULT_MAX_MILLIS, Map.copyOf(ruleOfClass), Map.copyOf(order));
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
        return new KnowledgeBase(rules, catalog, kieBase, without, maxFirings, maxMillis, ruleOfClass, placeOfRule);
    }

    /**
     * The same rules with another bound on the time one decision may take: a decision that runs longer is
     * stopped and fails with {@link EvaluationException}.
     */
    public KnowledgeBase withMaxMillis(long maxMillis) {
        if (maxMillis < 1) {
            throw new IllegalArgumentException("maxMillis must be 1 or more");
        }
        return new KnowledgeBase(rules, catalog, kieBase, without, maxFirings, maxMillis, ruleOfClass, placeOfRule);
    }

    /** How long one decision may take, in milliseconds. */
    public long maxMillis() {
        return maxMillis;
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

    /** Whether the rule files were parsed for this knowledge base yet: not when every file was known already. */
    boolean catalogRead() {
        return catalog != null;
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
        if (lean == null && firstDecision.compareAndSet(true, false)) {
            // A knowledge base that makes one decision (a command line's) gains nothing from making its tables
            // ahead: the first decision runs every rule itself, and the next ones take the tables made ahead.
            return run(profile, new FiringRecorder());
        }
        Lean lean = lean();
        return run(profile, new FiringRecorder(), lean.tables(), lean.sessions(), lean.order());
    }

    /**
     * Makes the decision for one profile and tells the listener of every rule firing, in order, as it happens:
     * the reference tables' rules too, which {@link #evaluate(Profile)} runs once per knowledge base.
     *
     * @throws EvaluationException as {@link #evaluate(Profile)} does, also when the listener throws
     */
    public Decision evaluate(Profile profile, FiringListener listener) {
        java.util.Objects.requireNonNull(listener, "listener");
        return run(profile, new FiringRecorder(catalog(), false, null, listener));
    }

    /**
     * Makes the decision for one profile and keeps every rule firing, in order, with the facts it matched.
     *
     * @throws EvaluationException as {@link #evaluate(Profile)} does
     */
    public Explanation explain(Profile profile) {
        FiringRecorder recorder = new FiringRecorder(catalog(), true, null);
        Decision decision = run(profile, recorder);
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
        Decision decision = run(profile, recorder);
        return new Explanation(decision, recorder.firings());
    }

    /** Makes a decision in a pooled session of the whole knowledge base, which runs every rule itself. */
    private Decision run(Profile profile, FiringRecorder recorder) {
        return run(profile, recorder, ReferenceTables.NONE, sessions, ruleOrder());
    }

    /**
     * Makes a decision in a session of the pool. With reference tables made ahead, the pool's knowledge base has none
     * of their rules: the session is given their facts, and the decision lists those rules as often as they fired
     * ahead.
     *
     * @param order each rule's place in the rule files, for every rule the decision may list
     */
    private Decision run(Profile profile, FiringRecorder recorder, ReferenceTables tables, SessionPool pool,
                         Map<Rule, Integer> order) {
        KieSession session = pool.take();
        return bounds.run(session, pool, recorder, (budget, facts) -> {
            recorder.firedBefore(tables.firings());
            tables.facts().forEach(session::insert);
            insertProfile(session, profile);
            facts.startCounting();
            BoundedRun.focusPhases(session);
            int fired = session.fireAllRules(maxFirings + 1);
            if (budget.expired()) {
                throw bounds.outOfTime(recorder);
            }
            if (fired > maxFirings) {
                throw bounds.tooManyFirings(recorder);
            }
            return DecisionAssembly.assemble(type -> session.getObjects(new ClassObjectFilter(type)), profile,
                    recorder.firedRules(order), rules.version());
        });
    }

    private volatile Map<Rule, Integer> ruleOrder;

    /**
     * Each compiled rule's place in the rule files (file by file, top to bottom): the order of a decision's
     * list of rules that fired. Looked up by the rule itself, which every session of this knowledge base shares.
     */
    private Map<Rule, Integer> ruleOrder() {
        Map<Rule, Integer> known = ruleOrder;
        if (known == null) {
            known = ruleOrder(kieBase);
            ruleOrder = known;
        }
        return known;
    }

    /** The place in the rule files of each rule of a knowledge base built from them. */
    private Map<Rule, Integer> ruleOrder(KieBase built) {
        Map<Rule, Integer> order = new java.util.IdentityHashMap<>();
        built.getKiePackages().forEach(pkg -> pkg.getRules().forEach(rule ->
                order.put(rule, placeOfRule.getOrDefault(rule.getName(), Integer.MAX_VALUE))));
        return Collections.unmodifiableMap(order);
    }

    private volatile Lean lean;
    /** Whether no decision has been made with {@link #evaluate(Profile)} yet. */
    private final AtomicBoolean firstDecision = new AtomicBoolean(true);

    /**
     * What {@link #evaluate(Profile)} decides with: the reference tables made ahead, and sessions of this
     * knowledge base built again without the tables' rules; or, when the tables could not be made ahead, none and
     * the sessions of the whole knowledge base, in which every rule runs.
     *
     * @param order each rule's place in the rule files, for the rules of both knowledge bases
     */
    private record Lean(ReferenceTables tables, SessionPool sessions, Map<Rule, Integer> order) {
    }

    /**
     * The reference tables and the knowledge base without their rules, made once when the first decision needs
     * them ({@link ReferenceTables#make}): the tables' facts are the same for every decision.
     */
    private Lean lean() {
        Lean known = lean;
        if (known == null) {
            synchronized (this) {
                known = lean;
                if (known == null) {
                    known = makeLean();
                    lean = known;
                }
            }
        }
        return known;
    }

    private Lean makeLean() {
        ReferenceTables tables = ReferenceTables.make(kieBase, bounds);
        if (tables.rules().isEmpty()) {
            return new Lean(tables, sessions, ruleOrder());
        }
        Set<String> tableRules = new java.util.HashSet<>();
        tables.rules().forEach(rule -> tableRules.add(rule.getName()));
        KieBase withoutTables = without.apply(tableRules);
        Map<Rule, Integer> order = new java.util.IdentityHashMap<>(ruleOrder());
        order.putAll(ruleOrder(withoutTables));
        return new Lean(tables, new SessionPool(withoutTables), Collections.unmodifiableMap(order));
    }

    /**
     * Inserts what a decision starts from: the evaluation date, the profile's exchange rates, its user, cards and
     * transactions, and its usage, judging the first transaction.
     */
    static void insertProfile(KieSession session, Profile profile) {
        session.insert(new Evaluation(profile.asOf()));
        profile.fx().forEach((currency, rate) -> session.insert(new FxRate(currency, rate, true)));
        session.insert(profile.user());
        profile.cards().forEach(session::insert);
        profile.transactions().forEach(session::insert);
        session.insert(profile.usage().judging(1));
    }

    /**
     * The facts the reference and classify phases derive from the given facts alone, with no profile:
     * what {@code check} uses to look at the tables and limits the rules set up.
     */
    List<Object> probeClassification(List<Object> facts) {
        return ClassificationProbe.run(kieBase, catalog(), bounds, facts);
    }
}
