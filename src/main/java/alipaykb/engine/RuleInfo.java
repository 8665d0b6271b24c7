package alipaykb.engine;

import java.util.Objects;
import org.drools.drl.ast.descr.RuleDescr;

/**
 * What the rule files say about one rule, read from its source text: its name, the rule file's name
 * (such as {@code fees.drl}), the line of {@code rule "..."}, the value of {@code @source} (or null when
 * it cites none), the reason given by {@code @unreachable} (or null: a rule the shipped policy never lets
 * fire), the {@code ruleflow-group} it runs in (or null for the decision phase) and the salience written
 * on it (or null).
 */
public final class RuleInfo {
    private final String name;
    private final String file;
    private final int line;
    private final String source;
    private final String unreachable;
    private final String phase;
    private final String salience;
    /** The rule as Drools' parser read it: for the checks, never part of the public API. */
    private final RuleDescr descr;

    RuleInfo(String name, String file, int line, String source, String unreachable, String phase, String salience,
             RuleDescr descr) {
        this.name = Objects.requireNonNull(name, "name");
        this.file = Objects.requireNonNull(file, "file");
        this.line = line;
        this.source = source;
        this.unreachable = unreachable;
        this.phase = phase;
        this.salience = salience;
        this.descr = descr;
    }

    /** The rule's name. */
    public String name() {
        return name;
    }

    /** The rule file's name, such as {@code fees.drl}. */
    public String file() {
        return file;
    }

    /** The line of {@code rule "..."}. */
    public int line() {
        return line;
    }

    /** The value of {@code @source}, or null when the rule cites none. */
    public String source() {
        return source;
    }

    /** The reason given by {@code @unreachable}, or null. */
    public String unreachable() {
        return unreachable;
    }

    /** The {@code ruleflow-group} the rule runs in, or null for the decision phase. */
    public String phase() {
        return phase;
    }

    /** The salience written on the rule, or null. */
    public String salience() {
        return salience;
    }

    /** {@code file:line}, for messages. */
    public String where() {
        return file + ":" + line;
    }

    RuleDescr descr() {
        return descr;
    }

    /** The text of the rule's actions, as written after {@code then}. */
    String actions() {
        return descr == null ? "" : String.valueOf(descr.getConsequence());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RuleInfo that && line == that.line && name.equals(that.name) && file.equals(that.file)
                && Objects.equals(source, that.source) && Objects.equals(unreachable, that.unreachable)
                && Objects.equals(phase, that.phase) && Objects.equals(salience, that.salience);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, file, line, source, unreachable, phase, salience);
    }

    @Override
    public String toString() {
        return "RuleInfo[" + name + " at " + where() + "]";
    }
}
