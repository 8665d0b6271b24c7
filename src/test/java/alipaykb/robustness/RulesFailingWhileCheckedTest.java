package alipaykb.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import alipaykb.engine.KnowledgeBase;
import alipaykb.engine.ReloadableKnowledgeBase;
import alipaykb.engine.RuleFile;
import alipaykb.engine.RuleSet;
import alipaykb.testsupport.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * check, watch and reload run the reference and classification rules to look at the tables they set up:
 * a rule that fails while they do is a finding at its file and line, never a crash, and a reload keeps
 * the last good rules.
 */
class RulesFailingWhileCheckedTest {
    private static final String THROWS = """
            package rules;

            import alipaykb.decisions.Provenance;
            import alipaykb.decisions.TierNote;

            rule "Reference: a table that cannot be built"
                @source("seed")
                ruleflow-group "reference"
            when
            then
                int rows = 0;
                insert( new TierNote("per page: " + (100 / rows), Provenance.of(drools)) );
            end
            """;

    @Test
    void checkReportsAReferenceRuleThatThrowsAtItsLine(@TempDir Path temp) throws IOException {
        // Given the shipped rules and a reference rule that divides by zero, in the insert on line 12 of its file
        Path rules = Commands.copyOfRules(temp);
        Files.writeString(rules.resolve("broken-table.drl"), THROWS);

        // When check is run
        Commands.Run run = Commands.run("check", "--rules", rules.toString());

        // Then it is an error at the insert that failed, with what failed, and no stack trace (exit code 2)
        assertThat(run.exit()).as(run.all()).isEqualTo(2);
        assertThat(run.out()).contains("broken-table.drl:12:5: error: the rules fail when they set up the reference"
                + " tables and classifications: rule \"Reference: a table that cannot be built\"")
                .contains("ArithmeticException");
        assertThat(run.all()).doesNotContain("\tat ");
    }

    @Test
    void aReloadWithAReferenceRuleThatThrowsKeepsTheLastGoodRules() {
        // Given a live knowledge base of the shipped rules
        RuleSet shipped = RuleSet.fromFolder(Path.of("src/test/resources/frozen-rules"));
        ReloadableKnowledgeBase live = new ReloadableKnowledgeBase(KnowledgeBase.compile(shipped));
        List<RuleFile> files = new ArrayList<>(shipped.files());
        files.add(new RuleFile("broken-table.drl", "broken-table.drl", THROWS));

        // When the rules with a failing reference rule are reloaded
        ReloadableKnowledgeBase.Reload reload = live.reload(RuleSet.of("edited", files));

        // Then they are not swapped in, the problem names the file and the line of the failed insert, and the shipped rules stay in use
        assertThat(reload.swapped()).isFalse();
        assertThat(reload.problems()).anySatisfy(problem -> {
            assertThat(problem.file()).isEqualTo("broken-table.drl");
            assertThat(problem.line()).isEqualTo(12);
        });
        assertThat(live.current().version()).isEqualTo(shipped.version());
    }
}
