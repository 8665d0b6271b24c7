package alipaykb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** After an edit, only the file edited is parsed, judged, compiled and loaded again. */
class IncrementalRebuildTest {
    private static final RuleSet FROZEN = RuleSet.fromFolder(Path.of("src/test/resources/frozen-rules"));
    private static final String EDITED = "limit-tiers.drl";

    @Test
    void anUnchangedFileIsNotParsedAgain() {
        // Given the catalog of the frozen rules
        RuleCatalog before = RuleCatalog.read(FROZEN);

        // When one file is edited and the rules are read again
        RuleCatalog after = RuleCatalog.read(edited(FROZEN, "2000"));

        // Then the other files' parsed forms are the very same, and the edited file's is new
        assertThat(after.packages().get("fees.drl")).isSameAs(before.packages().get("fees.drl"));
        assertThat(after.packages().get(EDITED)).isNotSameAs(before.packages().get(EDITED));
    }

    @Test
    void anUnchangedFileKeepsItsCompiledRulesAndTheEditedOneGetsNewOnes() {
        // Given a knowledge base of the frozen rules
        KnowledgeBase before = KnowledgeBase.compile(FROZEN);

        // When one file is edited and the rules are compiled again
        KnowledgeBase after = KnowledgeBase.compile(edited(FROZEN, "2000"));

        // Then a rule of another file runs the same compiled actions, and a rule of the edited file new ones
        assertThat(CompiledActions.of(after, "A foreign-card payment above the fee's threshold pays the service fee"))
                .isSameAs(CompiledActions.of(before, "A foreign-card payment above the fee's threshold pays the service fee"));
        assertThat(CompiledActions.of(after, "Table: the limits of each tier"))
                .isNotSameAs(CompiledActions.of(before, "Table: the limits of each tier"));
        // and the edit is in force
        assertThat(after.version()).isNotEqualTo(before.version());
    }

    private static RuleSet edited(RuleSet rules, String limit) {
        String line = "LimitScope.DAILY,    TierLimit.ALL_KINDS,          1000,";
        List<RuleFile> files = new ArrayList<>();
        for (RuleFile file : rules.files()) {
            if (file.name().equals(EDITED)) {
                assertThat(file.text()).contains(line);
                files.add(new RuleFile(file.name(), file.location(), file.text().replace(line,
                        line.replace(" 1000,", " " + limit + ","))));
            } else {
                files.add(file);
            }
        }
        return RuleSet.of(rules.origin(), files);
    }
}
