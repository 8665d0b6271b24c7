package alipaykb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import alipaykb.decisions.Decision;
import alipaykb.facts.Profile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * An edit of some rules of a file compiles those rules only, and the knowledge base it makes decides exactly
 * as the same file compiled whole.
 */
class EditedRulesOnlyTest {
    private static final RuleSet FROZEN = RuleSet.fromFolder(Path.of("src/test/resources/frozen-rules"));
    private static final String FILE = "limit-tiers.drl";
    private static final String LINE = "LimitScope.DAILY,    TierLimit.ALL_KINDS,          1000,";
    private static final String EDITED_RULE = "Table: the limits of each tier";
    private static final String UNCHANGED_RULE = "A user without verification is on the UNVERIFIED tier";

    private static final KnowledgeBase BEFORE = KnowledgeBase.compile(FROZEN);
    /** The daily limit lowered: only the table's rule changes. */
    private static final KnowledgeBase EDITED = KnowledgeBase.compile(edited(text -> text.replace(LINE,
            LINE.replace(" 1000,", " 700,"))));
    /** The same edit, with a comment outside every rule: the file is compiled whole. */
    private static final KnowledgeBase WHOLE = KnowledgeBase.compile(edited(text -> text.replace(LINE,
            LINE.replace(" 1000,", " 700,")) + "\n// compiled whole\n"));

    @net.jqwik.api.Example
    void theEditedRuleIsCompiledAgainAndTheOthersOfItsFileAreNot() {
        // Given the frozen rules, then the same rules with one table row of one rule changed (above)

        // When the two knowledge bases' rules are compared

        // Then the edited rule runs new compiled actions, an unchanged rule of the same file the very same ones,
        // and the file compiled whole has new ones for both
        assertThat(CompiledActions.of(EDITED, EDITED_RULE)).isNotSameAs(CompiledActions.of(BEFORE, EDITED_RULE));
        assertThat(CompiledActions.of(EDITED, UNCHANGED_RULE)).isSameAs(CompiledActions.of(BEFORE, UNCHANGED_RULE));
        assertThat(CompiledActions.of(WHOLE, UNCHANGED_RULE)).isNotSameAs(CompiledActions.of(BEFORE, UNCHANGED_RULE));
        // and every rule is there once, credited to its file
        assertThat(EDITED.ruleNames()).isEqualTo(BEFORE.ruleNames());
    }

    @net.jqwik.api.Example
    void aRuleDeletedFromAFileIsGoneAndTheOthersStay() {
        // Given the frozen rules compiled last
        KnowledgeBase.compile(FROZEN);
        String removed = "Limits on credit-card operations are set by the issuing bank";

        // When one rule is deleted from its file
        KnowledgeBase without = KnowledgeBase.compile(edited(text -> text.replace(LINE, LINE.replace(" 1000,", " 700,"))
                .replaceAll("(?s)rule \"" + removed + "\".*?\nend\n", "")));

        // Then the knowledge base has every rule but that one, and the file's other rules kept their compiled actions
        assertThat(without.ruleNames()).doesNotContain(removed)
                .containsAll(BEFORE.ruleNames().stream().filter(name -> !name.equals(removed)).toList());
        assertThat(CompiledActions.of(without, UNCHANGED_RULE)).isSameAs(CompiledActions.of(BEFORE, UNCHANGED_RULE));
    }

    @Property(tries = 300)
    void anEditCompiledRuleByRuleDecidesAsTheFileCompiledWhole(@ForAll("profiles") Profile profile) {
        // Given a random profile

        // When both knowledge bases of the edited rules decide it
        Decision byRule = EDITED.evaluate(profile);
        Decision whole = WHOLE.evaluate(profile);

        // Then the decisions are the same but for the rules' version
        assertThat(withoutVersion(byRule)).isEqualTo(withoutVersion(whole));
    }

    @Provide
    Arbitrary<Profile> profiles() {
        return ProfileArbitraries.profiles();
    }

    private static Decision withoutVersion(Decision decision) {
        return new Decision("-", decision.asOf(), decision.fx(), decision.fundingOptions(), decision.tier(),
                decision.transactions(), decision.advice(), decision.firedRules());
    }

    private static RuleSet edited(java.util.function.UnaryOperator<String> edit) {
        List<RuleFile> files = new ArrayList<>();
        for (RuleFile file : FROZEN.files()) {
            files.add(file.name().equals(FILE) ? new RuleFile(file.name(), file.location(), edit.apply(file.text())) : file);
        }
        assertThat(files).anySatisfy(file -> assertThat(file.text()).contains(LINE.replace(" 1000,", " 700,")));
        return RuleSet.of(FROZEN.origin(), files);
    }
}
