package alipaykb.engine;

import alipaykb.decisions.Decision;
import alipaykb.facts.Profile;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A knowledge base that can take new rules while it serves decisions. A new rule set is compiled and
 * checked off to the side and swapped in atomically; a rule set that does not compile, or that
 * {@code check} finds errors in, never replaces a good one. Every decision is made by exactly one rule
 * set, whose version it carries.
 */
public final class ReloadableKnowledgeBase {
    private final AtomicReference<KnowledgeBase> current;

    public ReloadableKnowledgeBase(KnowledgeBase initial) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    /** The outcome of a reload: whether the new rules were swapped in, the version in use, and any problems. */
    public record Reload(boolean swapped, String version, List<RuleProblem> problems) {
        public Reload {
            problems = List.copyOf(problems);
        }
    }

    /**
     * Readies the compilers for edits, on a daemon thread of low priority: one rule of the rules in use is
     * compiled off to the side and thrown away, so that the first edit takes as long as the ones after it
     * rather than the seconds a fresh JVM's compilers need to load. Decisions and reloads go on meanwhile.
     */
    public void prepareForEdits() {
        RuleSet rules = current.get().rules();
        Thread thread = new Thread(() -> RuleCompiler.warmUp(rules), "alipay-kb compiler warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /** The knowledge base in use now. */
    public KnowledgeBase current() {
        return current.get();
    }

    /** Makes a decision with the rules in use when it starts. */
    public Decision evaluate(Profile profile) {
        return current.get().evaluate(profile);
    }

    /** Compiles and checks the rule files of a folder, and swaps them in when they are good. */
    public Reload reload(Path folder) {
        try {
            return reload(RuleSet.fromFolder(folder));
        } catch (RuleLoadException e) {
            return new Reload(false, current.get().version(), List.of(new RuleProblem(null, 0, 0, e.getMessage())));
        }
    }

    /** Compiles and checks a rule set, and swaps it in when it is good. */
    public Reload reload(RuleSet rules) {
        KnowledgeBase candidate;
        try {
            candidate = KnowledgeBase.compile(rules).withMaxFirings(current.get().maxFirings())
                    .withMaxMillis(current.get().maxMillis());
        } catch (RuleCompilationException e) {
            return new Reload(false, current.get().version(), e.problems());
        }
        // Lint runs the reference and classify rules: only now, on verified code, and any failure is a finding.
        List<RuleProblem> errors = RuleLint.check(candidate.catalog(), candidate).stream()
                .filter(finding -> finding.severity() == Finding.Severity.ERROR)
                .map(finding -> new RuleProblem(finding.file(), finding.line(), finding.column(), finding.message()))
                .toList();
        if (!errors.isEmpty()) {
            return new Reload(false, current.get().version(), errors);
        }
        current.set(candidate);
        return new Reload(true, candidate.version(), List.of());
    }
}
