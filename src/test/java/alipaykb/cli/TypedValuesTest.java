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
                .contains("Hint: write one of Verification's codes without quotes, such as Verification.NONE.")
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
        RuleSet shipped = RuleSet.fromFolder(Path.of("src/test/resources/frozen-rules"));
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

    @Test
    void aNumberWithALeadingZeroIsAnErrorForJavaReadsItInBase8(@TempDir Path folder) throws IOException {
        // Given 01000, which Java reads as 512
        Commands.Run run = checkWith(folder, "limit-tiers.drl", DAILY_ROW, DAILY_ROW.replace(" 1000,", " 01000,"));

        // Then check refuses it where it is written
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).contains(where(folder, "limit-tiers.drl", "01000") + "in rule \"Table: the limits of each tier\"")
                .contains("the number 01000 starts with 0, so Java reads it in base 8");
    }

    @Test
    void aNumberWithALeadingZeroInAConditionIsAnError(@TempDir Path folder) throws IOException {
        Commands.Run run = checkWith(folder, "fees.drl", "Payment( id == $id, amount > $above, $amount : amount )",
                "Payment( id == $id, amount > 0200, $amount : amount )");
        assertThat(run.out()).contains(where(folder, "fees.drl", "0200")).contains("starts with 0, so it is read in base 8");
    }

    @Test
    void aCharacterWhereANumberBelongsIsAnError(@TempDir Path folder) throws IOException {
        // Given '5', which Java takes as the number 53
        Commands.Run run = checkWith(folder, "limit-tiers.drl", DAILY_ROW, DAILY_ROW.replace(" 1000,", " '5',"));
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).contains(where(folder, "limit-tiers.drl", "'5'")).contains("'5' is a character");
    }

    @Test
    void aDivisionOfWholeNumbersIsAnErrorInActionsAndConditions(@TempDir Path folder) throws IOException {
        // Given 1000 / 3 in a row, which Java computes as 333, and 5 / 0 in a condition
        Commands.Run inRow = checkWith(folder.resolve("row"), "limit-tiers.drl", DAILY_ROW, DAILY_ROW.replace(" 1000,", " 1000 / 3,"));
        Commands.Run inCondition = checkWith(folder.resolve("condition"), "fees.drl",
                "Payment( id == $id, amount > $above, $amount : amount )", "Payment( id == $id, amount > $above + 5 / 0, $amount : amount )");

        // Then both are refused
        assertThat(inRow.out()).contains("'1000 / 3' divides whole numbers");
        assertThat(inCondition.out()).contains(where(folder.resolve("condition"), "fees.drl", "5 / 0"))
                .contains("divides whole numbers (5 / 0)");
    }

    @Test
    void aRowMadeOutsideTheReferencePhaseIsAnErrorForCheckCouldNotSeeIt(@TempDir Path folder) throws IOException {
        // Given a table row written in the actions of a rule with conditions
        Commands.Run run = checkWith(folder, "limit-tiers.drl",
                "    insertLogical( new TierAssignment(TierCode.UNVERIFIED",
                "    insert( TierLimit.row(TierCode.UNVERIFIED, LimitScope.DAILY, null, 1000.005, \"seed\") );\n"
                        + "    insertLogical( new TierAssignment(TierCode.UNVERIFIED");

        // Then check refuses it at the call, before any decision could fail on it
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).contains(where(folder, "limit-tiers.drl", "TierLimit.row(TierCode.UNVERIFIED, LimitScope.DAILY, null")
                        + "in rule \"A user without verification is on the UNVERIFIED tier\"")
                .contains("makes a row of a table, which belongs in a rule of ruleflow-group \"reference\"");
    }

    @Test
    void aDateMadeInAConditionIsAnError(@TempDir Path folder) throws IOException {
        Commands.Run run = checkWith(folder, "limit-tiers.drl", "    Evaluation( $asOf : asOf )\n",
                "    Evaluation( $asOf : asOf, Period.from(2023, 2, 29).contains(asOf) )\n");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).contains("makes a date, which check cannot see until a decision runs");
    }

    @Test
    void twoRowsForOneKeyAreAnError(@TempDir Path folder) throws IOException {
        // Given a second row for the UNVERIFIED daily limit
        Commands.Run run = checkWith(folder, "limit-tiers.drl", "TierLimit.ALL_KINDS,          1000,     \"seed\" ) );\n",
                "TierLimit.ALL_KINDS,          1000,     \"seed\" ) );\n    insert( TierLimit.row( TierCode.UNVERIFIED, "
                        + "LimitScope.DAILY, TierLimit.ALL_KINDS, 3000, \"seed\" ) );\n");

        // Then check says one of them would be ignored
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).contains("two rows of a table are for the tier UNVERIFIED, DAILY, all kinds");
    }

    @Test
    void fromRulesWithoutAFeeRoundingNoFeeCanBeQuoted(@TempDir Path folder) throws IOException {
        Commands.Run run = checkWith(folder, "fees.drl", "    insert( new FeeRounding(2, RoundingMode.HALF_UP) );\n", "");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).contains("no rule says how fees are rounded");
    }

    @Test
    void aRowCitingAnUnknownSourceIsAWarning(@TempDir Path folder) throws IOException {
        Commands.Run run = checkWith(folder, "limit-tiers.drl", DAILY_ROW + "     \"seed\"", DAILY_ROW + "     \"sede\"");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("warning: the row for the tier UNVERIFIED, DAILY, all kinds cites the unknown source \"sede\"");
    }

    @Test
    void aDecimalInAConditionIsAllowed(@TempDir Path folder) throws IOException {
        Commands.Run run = checkWith(folder, "fees.drl", "Payment( id == $id, amount > $above, $amount : amount )",
                "Payment( id == $id, amount > 200.5, $amount : amount )");
        assertThat(run.out()).contains("0 errors, 0 warnings");
    }

    @Test
    void aCodeComparedWithANumberOrANumberWithACodeIsAnError(@TempDir Path folder) throws IOException {
        // Given a kind compared with 5 and, inside a collect, a reason code written as text
        Path rules = Commands.copyOfRules(folder);
        Commands.edit(rules.resolve("transaction-verdicts.drl"), "Payment( kind == TransactionKind.ATM_WITHDRAWAL, $id : id )",
                "Payment( kind == 5, $id : id )");
        Commands.edit(rules.resolve("transaction-verdicts.drl"), "from collect( DenyReason( transaction == $id ) )",
                "from collect( DenyReason( transaction == $id, code == \"DAILY_LIMIT\" ) )");

        // When
        Commands.Run run = Commands.run("check", "--rules", rules.toString());

        // Then both are found, at their literals, never as generated Java
        assertThat(run.out()).contains(where(folder, "transaction-verdicts.drl", "kind == 5").replace(": error: ", "")
                        .replaceFirst(":(\\d+)$", ":") )
                .contains("compares kind (a code) with the number 5")
                .contains("compares code (a code) with the text \"DAILY_LIMIT\". Hint: write one of ReasonCode's codes"
                        + " without quotes, such as ReasonCode.DAILY_LIMIT.")
                .contains("2 errors, 0 warnings").doesNotContain("Lambda").doesNotContain(".java");
    }
}
