package alipaykb.decisions;

import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.Resource;

/** Finds the rule file a compiled rule came from, as the analyst names it ({@code fees.drl}). */
final class RuleFileNames {
    private RuleFileNames() {
    }

    static String fileOf(Rule rule) {
        if (rule instanceof RuleImpl impl) {
            Resource resource = impl.getResource();
            if (resource != null && resource.getSourcePath() != null) {
                String path = resource.getSourcePath();
                return path.substring(path.lastIndexOf('/') + 1);
            }
        }
        return null;
    }
}
