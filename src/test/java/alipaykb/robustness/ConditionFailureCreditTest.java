package alipaykb.robustness;

import static alipaykb.robustness.EditedRules.HEAD;
import static alipaykb.robustness.EditedRules.alone;
import static alipaykb.robustness.EditedRules.grouped;
import static alipaykb.robustness.EditedRules.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import alipaykb.engine.KnowledgeBase;
import org.junit.jupiter.api.Test;

/** A rule whose conditions throw is named the same after another rule of its file is edited. */
class ConditionFailureCreditTest {
    private static String text(String comment) {
        return HEAD + "rule \"Throws in its conditions\"\n    @source(\"seed\")\nwhen\n    User( verification.ordinal() / 0 == 1 )\n"
                + "then\nend\n\n" + grouped("Edited", "RAISE_LIMITS", comment, "User()")
                + grouped("Never C", "RAISE_LIMITS", "c", "not User()") + grouped("Never D", "RAISE_LIMITS", "d", "not User()");
    }

    @Test
    void theFailingRuleIsNamedAsByAWholeCompile() {
        String file = unique("credit");
        KnowledgeBase.compile(alone(file, text("one")));
        KnowledgeBase patched = KnowledgeBase.compile(alone(file, text("two")));
        KnowledgeBase whole = KnowledgeBase.compile(alone(unique("credit-whole"), text("two")));
        String byWhole = catchThrowable(() -> whole.evaluate(EditedRules.profile())).getMessage();
        String byPatched = catchThrowable(() -> patched.evaluate(EditedRules.profile())).getMessage();
        System.out.println("whole:   " + byWhole + "\npatched: " + byPatched);
        assertThat(byPatched.replaceAll("credit-[0-9a-f]+", "F")).isEqualTo(byWhole.replaceAll("credit-whole-[0-9a-f]+", "F"));
    }
}
