package alipaykb.robustness;

import static alipaykb.robustness.EditedRules.HEAD;
import static alipaykb.robustness.EditedRules.alone;
import static alipaykb.robustness.EditedRules.group;
import static alipaykb.robustness.EditedRules.grouped;
import static alipaykb.robustness.EditedRules.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import alipaykb.engine.KnowledgeBase;
import alipaykb.engine.RuleCompilationException;
import alipaykb.engine.RuleFile;
import alipaykb.engine.RuleSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an edit compiled rule by rule, and a rule set known from its outlines, may not get past: every check of the
 * whole edited file, and what files claim together.
 */
class EditedRulesHeldTest {

    @Test
    void anEditAddingAForbiddenCallIsRefused() {
        String file = unique("exit");
        KnowledgeBase.compile(alone(file, group("RAISE_LIMITS", "c")));
        String evil = group("RAISE_LIMITS", "c").replace("// c\n", "// c\n    System.exit(3);\n");
        assertThatThrownBy(() -> KnowledgeBase.compile(alone(file, evil))).isInstanceOf(RuleCompilationException.class)
                .hasMessageContaining("System.exit");
    }

    @Test
    void anEditWhoseRuleTextHidesEndAndRuleInStringsAndCommentsIsCompiledAsAWholeCompileWould() {
        String file = unique("strings");
        KnowledgeBase.compile(alone(file, group("RAISE_LIMITS", "c")));
        String tricky = group("RAISE_LIMITS", "c").replace("// c\n",
                "// end\n    // rule \"Sneaky\" when then System.exit(1); end\n    String s = \"end\\nrule \\\"Sneaky2\\\" when then end\";\n");
        KnowledgeBase patched = KnowledgeBase.compile(alone(file, tricky));
        KnowledgeBase whole = KnowledgeBase.compile(alone(unique("strings-whole"), tricky));
        assertThat(patched.ruleNames()).isEqualTo(whole.ruleNames()).hasSize(4);
    }

    @Test
    void anEditDuplicatingARuleNameIsRefused() {
        String file = unique("dupname");
        KnowledgeBase.compile(alone(file, group("RAISE_LIMITS", "c")));
        String dup = group("RAISE_LIMITS", "c").replace("rule \"Never D\"", "rule \"Never C\"");
        assertThatThrownBy(() -> KnowledgeBase.compile(alone(file, dup))).isInstanceOf(RuleCompilationException.class)
                .hasMessageContaining("defined twice");
    }

    @Test
    void anEditRenamingARuleLeavesNoStaleCopy() {
        String file = unique("rename");
        KnowledgeBase.compile(alone(file, group("RAISE_LIMITS", "c")));
        KnowledgeBase renamed = KnowledgeBase.compile(alone(file,
                group("RAISE_LIMITS", "c").replace("rule \"Never D\"", "rule \"Never E\"")));
        assertThat(renamed.ruleNames()).contains("Never E").doesNotContain("Never D").hasSize(4);
        KnowledgeBase deleted = KnowledgeBase.compile(alone(file, HEAD
                + grouped("Raise limits too", "RAISE_LIMITS", "x", "User()")
                + grouped("Never C", "RAISE_LIMITS", "c", "not User()")
                + grouped("Never D", "RAISE_LIMITS", "d", "not User()")));
        assertThat(deleted.ruleNames()).doesNotContain("Raise limits first").hasSize(3);
        assertThat(deleted.evaluate(EditedRules.profile()).advice().get(0).because().rule()).isEqualTo("Raise limits too");
    }

    @Test
    void twoFilesEachFineAloneAreRefusedTogetherWhenBothWereCheckedBefore() {
        String shared = HEAD + "function int twice(int x) { return x * 2; }\n\n"
                + grouped("Shared name", "RAISE_LIMITS", "c", "User()");
        RuleFile one = new RuleFile(unique("one"), "/tmp/edited-rules/one.drl", shared);
        RuleFile two = new RuleFile(unique("two"), "/tmp/edited-rules/two.drl", shared.replace("RAISE_LIMITS", "VERIFY_PASSPORT"));
        KnowledgeBase.compile(RuleSet.of("/tmp/edited-rules", List.of(one)));
        KnowledgeBase.compile(RuleSet.of("/tmp/edited-rules", List.of(two)));
        assertThatThrownBy(() -> KnowledgeBase.compile(RuleSet.of("/tmp/edited-rules", List.of(one, two))))
                .isInstanceOf(RuleCompilationException.class)
                .hasMessageContaining("defined twice").hasMessageContaining("declared twice");
    }

    @Test
    void anEditRenamingARuleToOneOfAnotherFileIsRefused() {
        String fileA = unique("a");
        RuleFile other = new RuleFile(unique("b"), "/tmp/edited-rules/b.drl", HEAD + grouped("Elsewhere", "RAISE_LIMITS", "c", "not User()"));
        RuleFile a1 = new RuleFile(fileA, "/tmp/edited-rules/a.drl", group("RAISE_LIMITS", "c"));
        KnowledgeBase.compile(RuleSet.of("/tmp/edited-rules", List.of(a1, other)));
        RuleFile a2 = new RuleFile(fileA, "/tmp/edited-rules/a.drl", group("RAISE_LIMITS", "c").replace("rule \"Never D\"", "rule \"Elsewhere\""));
        assertThatThrownBy(() -> KnowledgeBase.compile(RuleSet.of("/tmp/edited-rules", List.of(a2, other))))
                .isInstanceOf(RuleCompilationException.class).hasMessageContaining("defined twice");
    }
}
