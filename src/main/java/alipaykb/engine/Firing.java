package alipaykb.engine;

import java.util.List;

/**
 * One firing of a rule while a decision was made, as {@code explain} shows it.
 *
 * @param number the firing's place in the order of firings, from 1
 * @param facts  the facts the rule matched, in readable form
 */
public record Firing(int number, String rule, String file, int line, String source, List<String> facts) {
    public Firing {
        facts = List.copyOf(facts);
    }
}
