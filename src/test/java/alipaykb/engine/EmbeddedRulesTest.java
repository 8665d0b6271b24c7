package alipaykb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The build carries the shipped rules, so the knowledge base works without a rules folder. */
class EmbeddedRulesTest {

    @Test
    void theEmbeddedRulesAreTheShippedRules() {
        // Given the rules folder and the embedded copy
        RuleSet folder = RuleSet.fromFolder(Path.of("rules"));

        // When the embedded rules are read
        RuleSet embedded = RuleSet.embedded();

        // Then they hold the same files, so they have the same version
        assertThat(embedded.files()).extracting(RuleFile::name)
                .containsExactlyElementsOf(folder.files().stream().map(RuleFile::name).toList());
        assertThat(embedded.version()).isEqualTo(folder.version());
    }

    @Test
    void everyShippedRuleCitesItsSource() {
        // Given the shipped rules, When compiled, Then each rule has @source seed or pboc-2024
        KnowledgeBase kb = KnowledgeBase.load(Path.of("rules"));
        assertThat(kb.ruleSources().values()).isNotEmpty().allMatch(source -> source.equals("seed") || source.equals("pboc-2024"));
        assertThat(kb.ruleSources()).hasSize(kb.ruleNames().size());
    }
}
