package alipaykb.engine;

import alipaykb.decisions.Advice;
import alipaykb.decisions.Decision;
import alipaykb.decisions.FeeQuote;
import alipaykb.decisions.FiredRule;
import alipaykb.decisions.FundingOption;
import alipaykb.decisions.Limit;
import alipaykb.decisions.Tier;
import alipaykb.decisions.Provenance;
import alipaykb.decisions.TierAssignment;
import alipaykb.decisions.TierCode;
import alipaykb.decisions.TierNote;
import alipaykb.decisions.TransactionResult;
import alipaykb.decisions.Verdict;
import alipaykb.facts.Evaluation;
import alipaykb.facts.FxRate;
import alipaykb.facts.Payment;
import alipaykb.facts.Profile;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.definition.KiePackage;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;
import org.kie.api.KieBase;
import org.kie.api.builder.Message;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
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
    /** Where rule files go inside the in-memory module: the folder matches the rules' DRL package. */
    private static final String RULES_PATH = "rules/";
    /** How many rule firings one decision may take before it is stopped as a runaway. */
    public static final int DEFAULT_MAX_FIRINGS = 10_000;

    private final RuleSet rules;
    private volatile RuleCatalog catalog;
    private final KieBase kieBase;
    private final int maxFirings;
    private final Map<String, String> ruleSources;
    private volatile KieSessionsPool sessions;

    private KnowledgeBase(RuleSet rules, RuleCatalog catalog, KieBase kieBase, int maxFirings) {
        this.rules = rules;
        this.catalog = catalog;
        this.kieBase = kieBase;
        this.maxFirings = maxFirings;
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
     * Compiles a rule set in memory, or takes it compiled from the cache when the cache holds these very
     * rule files (by the hash of their contents) compiled by this very build.
     *
     * @param cache where compiled rule sets are kept between runs, or null for none
     * @throws RuleCompilationException with every problem found, when a rule file does not compile
     */
    public static KnowledgeBase compile(RuleSet rules, CompiledRulesCache cache) {
        List<RuleProblem> forbidden = RuleSandbox.check(rules);
        if (!forbidden.isEmpty()) {
            throw new RuleCompilationException(forbidden);
        }
        if (cache != null) {
            Collection<KiePackage> cached = cache.load(rules);
            if (cached != null) {
                KieBase kieBase = newKieBase(cached);
                if (kieBase != null) {
                    return new KnowledgeBase(rules, null, kieBase, DEFAULT_MAX_FIRINGS);
                }
            }
        }
        KnowledgeBuilder builder = build(rules.files());
        if (builder.hasErrors()) {
            throw new RuleCompilationException(problems(rules));
        }
        Collection<KiePackage> packages = builder.getKnowledgePackages();
        if (cache != null) {
            cache.store(rules, packages);
        }
        return new KnowledgeBase(rules, null, newKieBase(packages), DEFAULT_MAX_FIRINGS);
    }

    private static KnowledgeBuilder build(List<RuleFile> files) {
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        for (RuleFile file : files) {
            // The path inside the build matches the rules' DRL package, and names the file in messages.
            builder.add(ResourceFactory.newByteArrayResource(file.text().getBytes(StandardCharsets.UTF_8))
                    .setSourcePath(RULES_PATH + file.name()), ResourceType.DRL);
        }
        return builder;
    }

    private static KieBase newKieBase(Collection<KiePackage> packages) {
        try {
            InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase();
            kieBase.addPackages(packages);
            return kieBase;
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /**
     * Every problem of a rule set that does not compile, in an analyst's words. A file that does not
     * parse is set aside and the others compiled again, so that their problems are found too.
     */
    private static List<RuleProblem> problems(RuleSet rules) {
        RuleCatalog catalog = RuleCatalog.read(rules);
        List<RuleProblem> problems = new ArrayList<>();
        catalog.syntaxErrors().values().forEach(problems::addAll);
        Set<String> brokenTypes = new HashSet<>();
        catalog.declaredTypes().forEach((type, file) -> {
            if (catalog.syntaxErrors().containsKey(file)) {
                brokenTypes.add(type);
            }
        });
        List<RuleFile> parsed = rules.files().stream()
                .filter(file -> !catalog.syntaxErrors().containsKey(file.name())).toList();
        KnowledgeBuilder builder = build(parsed);
        long id = 0;
        for (KnowledgeBuilderError error : builder.getErrors()) {
            Message message = error.asMessage(id++);
            RuleProblem problem = Diagnostics.translate(fileOf(message), message.getLine(),
                    Math.max(message.getColumn(), 0), message.getText(), catalog, brokenTypes);
            if (problem != null) {
                problems.add(problem);
            }
        }
        if (problems.isEmpty()) {
            problems.add(new RuleProblem(null, 0, 0, "the rules do not compile, for a reason Drools did not give"));
        }
        return withoutFollowOns(problems).stream().distinct()
                .sorted(Comparator.comparing(RuleProblem::file, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparingInt(RuleProblem::line).thenComparingInt(RuleProblem::column))
                .toList();
    }

    /** A rule with an unknown fact type also fails on the variables that pattern binds: those follow from it. */
    private static List<RuleProblem> withoutFollowOns(List<RuleProblem> problems) {
        Set<String> unknownTypeIn = new HashSet<>();
        for (RuleProblem problem : problems) {
            int at = problem.message().indexOf("\": unknown fact type");
            if (problem.message().startsWith("in rule \"") && at > 0) {
                unknownTypeIn.add(problem.message().substring(0, at));
            }
        }
        return problems.stream().filter(problem -> !(problem.message().contains("cannot be resolved to a variable")
                && unknownTypeIn.stream().anyMatch(rule -> problem.message().startsWith(rule + "\""))))
                .toList();
    }

    private static String fileOf(Message message) {
        String file = message.getPath();
        for (String prefix : List.of("src/main/resources/", RULES_PATH)) {
            if (file != null && file.startsWith(prefix)) {
                file = file.substring(prefix.length());
            }
        }
        return file;
    }

    /** The same rules with another limit on the rule firings of one decision. */
    public KnowledgeBase withMaxFirings(int maxFirings) {
        if (maxFirings < 1) {
            throw new IllegalArgumentException("maxFirings must be 1 or more");
        }
        return new KnowledgeBase(rules, catalog, kieBase, maxFirings);
    }

    /**
     * Sessions are reused: a pooled session is reset when a decision is done with it, which keeps the
     * memory Drools builds for each rule instead of building it again for every decision.
     */
    private KieSessionsPool sessions() {
        KieSessionsPool pool = sessions;
        if (pool == null) {
            synchronized (this) {
                pool = sessions;
                if (pool == null) {
                    pool = kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors());
                    sessions = pool;
                }
            }
        }
        return pool;
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
        KieSession session = sessions().newKieSession();
        session.addEventListener(recorder);
        try {
            recorder.firedBefore(constants.firings());
            constants.facts().forEach(session::insert);
            session.insert(new Evaluation(profile.asOf()));
            profile.fx().forEach((currency, rate) -> session.insert(new FxRate(currency, rate, true)));
            session.insert(profile.user());
            profile.cards().forEach(session::insert);
            profile.transactions().forEach(session::insert);
            session.insert(profile.usage().judging(1));
            focusPhases(session);
            int fired = constants.rules().isEmpty() ? session.fireAllRules(maxFirings + 1)
                    : session.fireAllRules(match -> !constants.rules().contains(match.getRule()), maxFirings + 1);
            if (fired > maxFirings) {
                throw new EvaluationException("the rules fired more than " + maxFirings + " times without coming to "
                        + "rest, so the decision was stopped: rules that set each other off again and again? Most fired: "
                        + recorder.mostFired(3), recorder.mostFiredRule(), null);
            }
            return assemble(session.getObjects(), profile, recorder);
        } catch (ConsequenceException e) {
            String rule = e.getRule() == null ? null : e.getRule().getName();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String where = rule == null ? "" : catalog().rule(rule).map(info -> " (" + info.where() + ")").orElse("");
            throw new EvaluationException("rule \"" + rule + "\"" + where + " failed in its actions: " + describe(cause),
                    rule, cause);
        } catch (EvaluationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EvaluationException("a rule failed while it was evaluated: " + describe(e), null, e);
        } finally {
            session.removeEventListener(recorder);
            session.dispose();
        }
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
        session.addEventListener(recorder);
        try {
            focusPhases(session);
            session.fireAllRules(match -> rules.contains(match.getRule()), maxFirings);
            List<Object> facts = session.getObjects().stream()
                    .filter(fact -> !FiringRecorder.isInitialFact(fact)).map(Object.class::cast).toList();
            return new Constants(facts, Set.copyOf(rules), recorder.counts());
        } catch (RuntimeException e) {
            // The rules will fail the same way in each decision, which reports it properly.
            return Constants.NONE;
        } finally {
            session.dispose();
        }
    }

    /**
     * The facts the reference and classify phases derive from the given facts alone, with no profile:
     * what {@code check} uses to look at the tables and limits the rules set up.
     */
    List<Object> probeClassification(List<Object> facts) {
        KieSession session = kieBase.newKieSession();
        try {
            session.insert(new Evaluation(LocalDate.now()));
            facts.forEach(session::insert);
            focusPhases(session);
            session.fireAllRules(match -> catalog().rule(match.getRule().getName())
                    .map(rule -> rule.phase() != null).orElse(false), maxFirings);
            return new ArrayList<>(session.getObjects());
        } finally {
            session.dispose();
        }
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

    private Decision assemble(Iterable<?> facts, Profile profile, FiringRecorder recorder) {
        List<FundingOption> options = new ArrayList<>();
        List<TierAssignment> tiers = new ArrayList<>();
        List<Limit> limits = new ArrayList<>();
        List<TierNote> notes = new ArrayList<>();
        Map<String, Verdict> verdicts = new HashMap<>();
        Map<String, FeeQuote> fees = new HashMap<>();
        List<Advice> advice = new ArrayList<>();
        Map<String, BigDecimal> fx = new TreeMap<>();
        for (Object fact : facts) {
            if (fact instanceof FundingOption option) {
                options.add(option);
            } else if (fact instanceof TierAssignment tier) {
                tiers.add(tier);
            } else if (fact instanceof Limit limit) {
                limits.add(limit);
            } else if (fact instanceof TierNote note) {
                notes.add(note);
            } else if (fact instanceof Verdict verdict) {
                verdicts.put(verdict.transaction(), verdict);
            } else if (fact instanceof FeeQuote quote) {
                fees.put(quote.transaction(), quote);
            } else if (fact instanceof Advice piece) {
                advice.add(piece);
            } else if (fact instanceof FxRate rate) {
                fx.put(rate.currency(), rate.cnyPerUnit());
            }
        }
        if (tiers.size() > 1) {
            throw new EvaluationException("the rules placed the user on " + tiers.size() + " tiers: "
                    + tiers.stream().map(t -> t.code() + " (rule \"" + t.because().rule() + "\")")
                    .collect(Collectors.joining(", ")) + "; exactly one must apply", tiers.get(0).because().rule(), null);
        }
        options.sort(FundingOption.RANKING);
        limits.sort(Comparator.comparing(Limit::scope)
                .thenComparing(Limit::kind, Comparator.nullsFirst(Comparator.naturalOrder())));
        notes.sort(Comparator.comparing(TierNote::text));
        advice.sort(Comparator.comparing(Advice::code).thenComparing(a -> a.because().rule()));
        Tier tier = tiers.isEmpty() ? null
                : new Tier(tiers.get(0).code(), tiers.get(0).features(), limits, notes, tiers.get(0).because());

        List<TransactionResult> results = new ArrayList<>();
        for (Payment payment : profile.transactions()) {
            Verdict verdict = verdicts.get(payment.id());
            if (verdict == null) {
                throw new EvaluationException("no rule gave transaction '" + payment.id()
                        + "' a verdict: every transaction needs one", null, null);
            }
            results.add(new TransactionResult(payment.id(), payment.kind(), payment.amount(), payment.via(),
                    verdict.outcome(), verdict.reasons(), fees.get(payment.id()), verdict.because()));
        }
        List<FiredRule> fired = recorder.firedRules();
        return new Decision(rules.version(), profile.asOf(), fx, options, tier, results, advice, fired);
    }
}
