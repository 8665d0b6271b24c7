package alipaykb.robustness;

import static alipaykb.robustness.EditedRules.advice;
import static alipaykb.robustness.EditedRules.alone;
import static alipaykb.robustness.EditedRules.group;
import static alipaykb.robustness.EditedRules.unique;
import static org.assertj.core.api.Assertions.assertThat;

import alipaykb.decisions.AdviceCode;
import alipaykb.engine.KnowledgeBase;
import alipaykb.engine.ReloadableKnowledgeBase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An edit compiled rule by rule decides exactly as the same files compiled whole: among rules of equal salience
 * the order the file writes them decides (here, the winner of an activation group), and the edited rules keep
 * their place. Reached through watch, ReloadableKnowledgeBase.reload, diff (which compiles --against, then
 * --rules, in one JVM) and any second KnowledgeBase.compile.
 */
class EditedRulesLoadOrderTest {

    /** A comment edited inside the first rule leaves it the winner. */
    @Test
    void aCommentEditedInsideARuleDoesNotChangeTheDecision() {
        String file = unique("order");
        KnowledgeBase before = KnowledgeBase.compile(alone(file, group("RAISE_LIMITS", "first wins")));
        assertThat(before.evaluate(EditedRules.profile()).advice().get(0).because().rule()).isEqualTo("Raise limits first");

        String edited = group("RAISE_LIMITS", "first wins (comment edited)");
        KnowledgeBase patched = KnowledgeBase.compile(alone(file, edited));
        KnowledgeBase whole = KnowledgeBase.compile(alone(unique("order-whole"), edited));

        assertThat(whole.evaluate(EditedRules.profile()).advice().get(0).because().rule()).isEqualTo("Raise limits first");
        assertThat(patched.evaluate(EditedRules.profile()).advice().get(0).because().rule())
                .as("the rule that wins the activation group after an edit of a comment")
                .isEqualTo("Raise limits first");
    }

    /** A real change of the first rule's advice is seen (what `diff --against OLD --rules NEW` shows). */
    @Test
    void aRealChangeIsSeenByASecondCompileInTheSameJvm() {
        String file = unique("hidden");
        KnowledgeBase baseline = KnowledgeBase.compile(alone(file, group("RAISE_LIMITS", "c")));
        KnowledgeBase now = KnowledgeBase.compile(alone(file, group("VERIFY_PASSPORT", "c")));
        KnowledgeBase fresh = KnowledgeBase.compile(alone(unique("hidden-whole"), group("VERIFY_PASSPORT", "c")));

        assertThat(advice(baseline)).containsExactly(AdviceCode.RAISE_LIMITS);
        assertThat(advice(fresh)).containsExactly(AdviceCode.VERIFY_PASSPORT);
        assertThat(advice(now)).as("the edited rules compiled rule by rule").isEqualTo(advice(fresh));
    }

    /** A service that reloads an edit decides as the same rules loaded at start. */
    @Test
    void aReloadDecidesAsTheSameRulesLoadedAtStart() {
        String file = unique("reload");
        ReloadableKnowledgeBase live = new ReloadableKnowledgeBase(
                KnowledgeBase.compile(EditedRules.shippedWith(file, group("RAISE_LIMITS", "v1"))));
        ReloadableKnowledgeBase.Reload reload = live.reload(EditedRules.shippedWith(file, group("VERIFY_PASSPORT", "v1")));
        assertThat(reload.swapped()).as(reload.problems().toString()).isTrue();
        KnowledgeBase atStart = KnowledgeBase.compile(EditedRules.shippedWith(unique("reload-whole"),
                group("VERIFY_PASSPORT", "v1")));

        List<AdviceCode> expected = advice(atStart);
        assertThat(expected).contains(AdviceCode.VERIFY_PASSPORT);
        assertThat(advice(live.current())).isEqualTo(expected);
    }

    /** Rules moved so that another comes first are ordered as now written, when another rule is edited too. */
    @Test
    void rulesMovedAreOrderedAsNowWritten() {
        String file = unique("moved");
        String first = EditedRules.grouped("Raise limits first", "RAISE_LIMITS", "a", "User()");
        String second = EditedRules.grouped("Verify instead", "VERIFY_PASSPORT", "b", "User()");
        String c = EditedRules.grouped("Never C", "RAISE_LIMITS", "c", "not User()");
        String d = EditedRules.grouped("Never D", "RAISE_LIMITS", "d", "not User()");
        KnowledgeBase.compile(alone(file, EditedRules.HEAD + first + second + c + d));
        // "Verify instead" moved above "Raise limits first", and a comment of "Never D" edited
        String moved = EditedRules.HEAD + second + first + c + d.replace("// d", "// d, edited");
        KnowledgeBase patched = KnowledgeBase.compile(alone(file, moved));
        KnowledgeBase whole = KnowledgeBase.compile(alone(unique("moved-whole"), moved));

        assertThat(advice(whole)).containsExactly(AdviceCode.VERIFY_PASSPORT);
        assertThat(advice(patched)).isEqualTo(advice(whole));
    }
}
