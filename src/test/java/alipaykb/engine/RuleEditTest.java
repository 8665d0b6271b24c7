package alipaykb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import alipaykb.decisions.Outcome;
import alipaykb.facts.Profile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An analyst changes one limit on one line of one rule file, and the next load decides by it. */
class RuleEditTest {

    @Test
    void raisingTheUnverifiedDailyLimitOnOneLineAllowsWhatWasDenied(@TempDir Path folder) throws IOException {
        // Given a copy of the shipped rules, where an unverified user's third payment is over 1,000 a day
        copyRules(folder);
        Profile profile = Profiles.traveller(Profiles.threeCards());
        KnowledgeBase before = KnowledgeBase.load(folder);
        assertThat(before.evaluate(profile).transaction("t3").orElseThrow().outcome()).isEqualTo(Outcome.DENY);

        // When one line of limit-tiers.drl raises the limit to 1,000.01
        Path file = folder.resolve("limit-tiers.drl");
        String text = Files.readString(file);
        String line = "insert( TierLimit.row( TierCode.UNVERIFIED,         LimitScope.DAILY,    TierLimit.ALL_KINDS,"
                + "          1000,     \"seed\" ) );";
        assertThat(text).contains(line);
        Files.writeString(file, text.replace(line, line.replace(" 1000,", " 1000.01,")));
        KnowledgeBase after = KnowledgeBase.load(folder);

        // Then the same payment is allowed, and the rule set has a new version
        assertThat(after.evaluate(profile).transaction("t3").orElseThrow().outcome()).isEqualTo(Outcome.ALLOW);
        assertThat(after.version()).isNotEqualTo(before.version());
    }

    @Test
    void aRuleFileCannotNameAnotherFileAsTheSourceOfItsOutputs(@TempDir Path folder) throws IOException {
        // Given a copy of the rules whose funding options claim, in metadata, to come from another file
        copyRules(folder);
        Path file = folder.resolve("funding-options.drl");
        String text = Files.readString(file);
        assertThat(text).contains("    @source(\"seed\")");
        Files.writeString(file, text.replace("    @source(\"seed\")",
                "    @source(\"seed\")\n    @alipaykb.file(\"forged.drl\")"));

        // When a decision is made with them
        KnowledgeBase kb = KnowledgeBase.load(folder);
        var options = kb.evaluate(Profiles.traveller(Profiles.threeCards())).fundingOptions();

        // Then every reason still names the file the rule is written in
        assertThat(options).isNotEmpty();
        assertThat(options).flatMap(option -> option.because()).isNotEmpty()
                .allSatisfy(because -> assertThat(because.file()).isNotEqualTo("forged.drl").endsWith(".drl"));
        assertThat(options).flatMap(option -> option.because())
                .anySatisfy(because -> assertThat(because.file()).isEqualTo("funding-options.drl"));
    }

    private static void copyRules(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/frozen-rules"))) {
            for (Path file : files.toList()) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
    }
}
