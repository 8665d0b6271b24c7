package alipaykb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import alipaykb.decisions.Decision;
import alipaykb.decisions.FiredRule;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule files that were checked before, in this process or by the cache, make a knowledge base without being
 * parsed again, and decide exactly as when they were; what two files claim together is still refused.
 */
class KnownRuleFilesTest {
    private static final RuleSet FROZEN = RuleSet.fromFolder(Path.of("src/test/resources/frozen-rules"));

    @TempDir
    Path temp;

    private static final String ONE_RULE = """
            package rules;

            import alipaykb.facts.User;

            rule "%s"
                @source("seed")
            when
                User()
            then
                insert( Integer.valueOf(%d) );
            end
            """;

    private static final String ONE_FUNCTION = """
            package rules;

            function int doubled(int value) {
                return value * 2;
            }

            rule "A rule of %s"
                @source("seed")
            when
            then
            end
            """;

    @Test
    void aRuleSetTheCacheHoldsIsNotParsedToMakeDecisions() {
        // Given the frozen rules compiled once through a cache
        CompiledRulesCache cache = new CompiledRulesCache(temp.resolve("cache"), temp.resolve("key").resolve("cache.key"));
        KnowledgeBase first = KnowledgeBase.compile(FROZEN, cache);

        // When they are compiled again
        KnowledgeBase again = KnowledgeBase.compile(FROZEN, cache);

        // Then no file was parsed for it, and it decides as the first did, crediting the same files in the same order
        assertThat(again.catalogRead()).isFalse();
        Decision expected = first.evaluate(Profiles.traveller(Profiles.threeCards()));
        Decision actual = again.evaluate(Profiles.traveller(Profiles.threeCards()));
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.firedRules().stream().map(FiredRule::file).toList())
                .isEqualTo(expected.firedRules().stream().map(FiredRule::file).toList())
                .contains("fees.drl", "transaction-verdicts.drl");
        // and what needs the catalog still has it when asked
        assertThat(again.catalog().rules()).hasSize(first.catalog().rules().size());
        assertThat(again.catalogRead()).isTrue();
    }

    @Test
    void twoKnownFilesThatNameOneRuleAlikeAreStillRefused() {
        // Given two files, each checked on its own before
        RuleFile a = new RuleFile("a.drl", "a.drl", ONE_RULE.formatted("A user is counted", 1));
        RuleFile b = new RuleFile("b.drl", "b.drl", ONE_RULE.formatted("A user is counted", 2));
        KnowledgeBase.compile(RuleSet.of("test", List.of(a)));
        KnowledgeBase.compile(RuleSet.of("test", List.of(b)));

        // When they are compiled together
        RuleCompilationException refused = catchThrowableOfType(
                () -> KnowledgeBase.compile(RuleSet.of("test", List.of(a, b))), RuleCompilationException.class);

        // Then the name claimed twice is found, as if neither had been checked before
        assertThat(refused).isNotNull();
        assertThat(refused.problems()).anySatisfy(problem -> assertThat(problem.message())
                .contains("rule \"A user is counted\" is defined twice"));
    }

    @Test
    void twoKnownFilesThatDeclareOneFunctionAreStillRefused() {
        // Given two files, each checked on its own before, that declare the same function
        RuleFile a = new RuleFile("a.drl", "a.drl", ONE_FUNCTION.formatted("a"));
        RuleFile b = new RuleFile("b.drl", "b.drl", ONE_FUNCTION.formatted("b"));
        KnowledgeBase.compile(RuleSet.of("test", List.of(a)));
        KnowledgeBase.compile(RuleSet.of("test", List.of(b)));

        // When they are compiled together
        RuleCompilationException refused = catchThrowableOfType(
                () -> KnowledgeBase.compile(RuleSet.of("test", List.of(a, b))), RuleCompilationException.class);

        // Then the function declared twice is found
        assertThat(refused).isNotNull();
        assertThat(refused.problems()).anySatisfy(problem -> assertThat(problem.message())
                .contains("function doubled is declared twice"));
    }
}
