package alipaykb.engine;

import org.drools.drl.ast.descr.RuleDescr;

/**
 * What the rule files say about one rule, read from its source text.
 *
 * @param file        the rule file's name, such as {@code fees.drl}
 * @param line        the line of {@code rule "..."}
 * @param source      the value of {@code @source}, or null when the rule cites none
 * @param unreachable the reason given by {@code @unreachable}, or null: a rule the shipped policy never lets fire
 * @param phase       the {@code ruleflow-group} it runs in, or null for the decision phase
 * @param salience    the salience written on it, or null
 */
public record RuleInfo(String name, String file, int line, String source, String unreachable, String phase,
                       String salience, RuleDescr descr) {

    /** {@code file:line}, for messages. */
    public String where() {
        return file + ":" + line;
    }
}
