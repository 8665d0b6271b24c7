package alipaykb.decisions;

import java.util.Objects;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.RuleContext;

/**
 * Why an output exists: the rule that produced it, the rule file it lives in and the policy source
 * the rule cites in its {@code @source} metadata.
 */
public record Provenance(String rule, String file, String source) {
    public Provenance {
        Objects.requireNonNull(rule, "rule");
    }

    /** The provenance of the rule whose consequence is running; rule files pass {@code drools}. */
    public static Provenance of(RuleContext drools) {
        return of(drools.getRule());
    }

    /**
     * The provenance of the rule whose actions are running, as the compiled rules pass {@code drools}:
     * Drools' executable model gives actions this view of the rule's context.
     */
    public static Provenance of(org.drools.model.Drools drools) {
        return of(((RuleContext) drools).getRule());
    }

    /** The same rule and file, citing another source: a table row's own. */
    public Provenance citing(String otherSource) {
        return new Provenance(rule, file, otherSource);
    }

    /**
     * The provenance of a rule: its file is the one the knowledge base recorded when it built the rule
     * (under {@code alipaykb.file}, which a rule file cannot set), its source what {@code @source} cites.
     */
    public static Provenance of(Rule rule) {
        Object source = rule.getMetaData().get("source");
        Object file = rule.getMetaData().get(FILE_KEY);
        return new Provenance(rule.getName(), file == null ? null : file.toString(),
                source == null ? null : source.toString());
    }

    /** The metadata key of a compiled rule's file name. */
    private static final String FILE_KEY = "alipaykb.file";
}
