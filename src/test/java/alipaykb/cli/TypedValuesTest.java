package alipaykb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import alipaykb.engine.KnowledgeBase;
import alipaykb.engine.ReloadableKnowledgeBase;
import alipaykb.engine.RuleSet;
import alipaykb.testsupport.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values in rule files are typed: a wrong one is a check error where it is written, never a crash. */
class TypedValuesTest {
    private static final String DAILY_ROW = "LimitScope.DAILY,    TierLimit.ALL_KINDS,          1000,";

    private static Commands.Run checkWith(Path folder, String file, String from, String to) throws IOException {
        Path rules = Commands.copyOfRules(folder);
        Commands.edit(rules.resolve(file), from, to);
        return Commands.run("check", "--rules", rules.toString());
    }

    /** The 1-based line and column of the first place a text appears in a rule file of the copy, outside comments. */
    private static String where(Path folder, String file, String text) throws IOException {
        List<String> lines = Files.readAllLines(folder.resolve("rules").resolve(file));
        for (int i = 0; i < lines.size(); i++) {
            int at = lines.get(i).indexOf(text);
            if (at >= 0 && !lines.get(i).strip().startsWith("//")) {
                return file + ":" + (i + 1) + ":" + (at + 1) + ": error: ";
            }
        }
        throw new AssertionError(text + " is not in " + file);
    }

    @Test
    void aNumberWithThousandsSeparatorsIsAnErrorAtItsColumn(@TempDir Path folder) throws IOException {
        // Given the UNVERIFIED daily limit written the way people write it, 1,000
        Commands.Run run = checkWith(folder, "limit-tiers.drl", DAILY_ROW, DAILY_ROW.replace("1000", "1,000"));

        // Then check points at the number and says how to write it
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).contains(where(folder, "limit-tiers.drl", "1,000") + "in rule \"Table: the limits of each tier\"")
                .contains("Hint: write numbers without thousands separators, such as 1000 or 1_000")
                .contains("1 error, 0 warnings").doesNotContain("fault");
    }

    @Test
    void anAmountInQuotesIsAnErrorAtTheQuotes(@TempDir Path folder) throws IOException {
        // Given an amount written as text
        Commands.Run run = checkWith(folder, "limit-tiers.drl", DAILY_ROW, DAILY_ROW.replace("1000", "\"two hundred\""));

        // Then check points at the text
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).contains(where(folder, "limit-tiers.drl", "\"two hundred\""))
                .contains("Hint: amounts, percentages and counts are numbers, not text");
    }

    @Test
    void aRateInQuotesIsPointedAtItselfNotAtTheTextBeforeIt(@TempDir Path folder) throws IOException {
        // Given the default rate written as text, after the currency, which is text
        Commands.Run run = checkWith(folder, "reference-data.drl", "FxRate.byDefault(\"USD\", 7.20)",
                "FxRate.byDefault(\"USD\", \"7.20\")");

        // Then check points at "7.20", not at "USD"
        assertThat(run.out()).contains(where(folder, "reference-data.drl", "\"7.20\""));
    }

    @Test
    void anAmountWithTooManyDecimalsIsAnErrorAtItsRow(@TempDir Path folder) throws IOException {
        // Given a limit of a thousandth of a fen more
        Commands.Run run = checkWith(folder, "limit-tiers.drl", DAILY_ROW, DAILY_ROW.replace("1000", "1000.005"));

        // Then check names the row's line, the value and why
        assertThat(run.exit()).isEqualTo(2);
        String row = where(folder, "limit-tiers.drl", "1000.005");
        assertThat(run.out()).contains(row.substring(0, row.indexOf(':', row.indexOf(':') + 1)))
                .contains("amount must be written with at most 2 decimal places and 15 digits, got 1000.005")
                .contains("1 error, 0 warnings");
    }

    @Test
    void aDateThatDoesNotExistIsAnErrorAtItsRow(@TempDir Path folder) throws IOException {
        // Given the 30th of February
        Commands.Run run = checkWith(folder, "reference-data.drl", "Period.from(2025, 2, 25)", "Period.from(2025, 2, 30)");

        // Then check names the row's line and the date
        assertThat(run.exit()).isEqualTo(2);
        String row = where(folder, "reference-data.drl", "Period.from(2025, 2, 30)");
        assertThat(run.out()).contains(row.substring(0, row.indexOf(':', row.indexOf(':') + 1)))
                .contains("date 2025-2-30 does not exist");
    }

    @Test
    void aNumberComparedWithTextIsAnErrorBeforeAnyDecision(@TempDir Path folder) throws IOException {
        // Given a condition that compares the amount with words
        Commands.Run run = checkWith(folder, "fees.drl", "Payment( id == $id, amount > $above, $amount : amount )",
                "Payment( id == $id, amount > \"two hundred\", $amount : amount )");

        // Then check refuses it at the text, though Drools would compile it
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).contains(where(folder, "fees.drl", "\"two hundred\"")
                + "in rule \"A foreign-card payment above the fee's threshold pays the service fee\": the condition"
                + " 'amount > \"two hundred\"' compares amount (a number) with the text \"two hundred\"");
    }

    @Test
    void aDateComparedWithTextIsAnError(@TempDir Path folder) throws IOException {
        // Given a date compared with a text that looks like a date
        Commands.Run run = checkWith(folder, "limit-tiers.drl", "    Evaluation( $asOf : asOf )\n",
                "    Evaluation( $asOf : asOf, asOf >= \"2024-03-01\" )\n");

        // Then check says it compares a date with text
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).contains("compares asOf (a date) with the text \"2024-03-01\"")
                .contains("Hint: compare with a date a reference table holds");
    }

    @Test
    void aCodeOrAFlagComparedWithTextIsAnError(@TempDir Path folder) throws IOException {
        // Given a code and a flag written in quotes
        Path rules = Commands.copyOfRules(folder);
        Commands.edit(rules.resolve("limit-tiers.drl"), "User( verification == Verification.NONE )\nthen",
                "User( verification == \"NONE\" )\nthen");
        Commands.edit(rules.resolve("advice.drl"), "User( idUsedByAnotherAccount == true )",
                "User( idUsedByAnotherAccount == \"yes\" )");

        // When
        Commands.Run run = Commands.run("check", "--rules", rules.toString());

        // Then both are found
        assertThat(run.out()).contains("compares verification (a code) with the text \"NONE\"")
                .contains("Hint: write the code as Verification.")
                .contains("compares idUsedByAnotherAccount (true or false) with the text \"yes\"")
                .contains("2 errors, 0 warnings");
    }

    @Test
    void anErrorInAnActionPointsAtItsOwnLine(@TempDir Path folder) throws IOException {
        // Given an action spread over lines, with the mistake on the third line after "then"
        Commands.Run run = checkWith(folder, "fees.drl", "Provenance.of(drools)) );\nend\n\n// Under",
                "Provenance.off(drools)) );\nend\n\n// Under");

        // Then the error is on the line of Provenance.off, not the rule's first line
        assertThat(run.out()).contains(where(folder, "fees.drl", "Provenance.off(drools)")
                .replaceFirst(":\\d+: error: $", ":"));
    }

    @Test
    void reloadRefusesABadValueAndKeepsTheRulesInUse() throws IOException {
        // Given a knowledge base on the shipped rules
        RuleSet shipped = RuleSet.fromFolder(Path.of("rules"));
        ReloadableKnowledgeBase kb = new ReloadableKnowledgeBase(KnowledgeBase.compile(shipped));

        // When rules with a negative limit are loaded
        ReloadableKnowledgeBase.Reload reload = kb.reload(RuleSet.of("edited", shipped.files().stream()
                .map(file -> new alipaykb.engine.RuleFile(file.name(), file.location(),
                        file.text().replace(DAILY_ROW, DAILY_ROW.replace("1000", "-1000")))).toList()));

        // Then they are refused with the row's problem, and the shipped rules stay
        assertThat(reload.swapped()).isFalse();
        assertThat(reload.problems()).anyMatch(problem -> problem.message().contains("amount must not be negative"));
        assertThat(kb.current().version()).isEqualTo(shipped.version());
    }
}
