package alipaykb.cli;

import alipaykb.testsupport.Commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} reports every problem of the rule files as FILE:LINE:COL in an analyst's words. */
class CheckCommandTest {

    @Test
    void theShippedRulesAreClean() {
        Commands.Run run = Commands.run("check", "--strict");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("0 errors, 0 warnings");
    }

    @Test
    void everyCompileErrorIsReportedWithFileLineColumnRuleAndHint(@TempDir Path folder) throws IOException {
        // Given a copy of the rules with four mistakes in three files
        Path rules = Commands.copyOfRules(folder);
        Commands.edit(rules.resolve("fees.drl"), "Payment( id == $id, amount > $above, $amount : amount )",
                "Payment( id == $id, amout > $above, $amount : amount )");
        Commands.edit(rules.resolve("fees.drl"), "Provenance.of(drools)) );\nend\n\n// Under",
                "Provenance.off(drools)) );\nend\n\n// Under");
        Commands.edit(rules.resolve("advice.drl"), "User( idUsedByAnotherAccount == true )", "User( idUsedByAnotherAccount == true ");
        Commands.edit(rules.resolve("funding-options.drl"), "ForeignCard( $id : cardId )", "ForeignCrad( $id : cardId )");

        // When it is checked
        Commands.Run run = Commands.run("check", "--rules", rules.toString());

        // Then each is reported where it is, by rule, with a hint, and never as generated Java
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out())
                .contains("fees.drl:45:25: error: in rule \"A foreign-card payment above the fee's threshold pays the service fee\": "
                        + "Payment has no field 'amout'. Hint: did you mean 'amount'?")
                .contains("error: in rule \"A foreign card pays at the card network's and issuer's rate\": "
                        + "in its actions (then): The method off(drools) is undefined for the type Provenance. "
                        + "Hint: did you mean 'of'?")
                .containsPattern("advice\\.drl:\\d+:\\d+: error: syntax error: .*in rule \"An ID that backs another")
                .containsPattern("funding-options\\.drl:\\d+:\\d+: error: in rule \"A foreign card can top up the balance "
                        + "through a third party\": unknown fact type 'ForeignCrad'. Hint: did you mean 'ForeignCard'\\?")
                .contains("4 errors, 0 warnings")
                .doesNotContain(".java").doesNotContain("Rule_").doesNotContain("KnowledgeHelper");
    }

    @Test
    void anErrorInAFunctionIsOneErrorAtItsLineInTheFunction(@TempDir Path folder) throws IOException {
        // Given a copy of the rules and a file whose function returns text where it promises a number, and whose
        // rule calls it
        Path rules = Commands.copyOfRules(folder);
        Files.writeString(rules.resolve("extra.drl"), """
                package rules;
                import alipaykb.facts.User;

                function int daysLeft(String residence) {
                    int start = 3;
                    return residence + start;
                }

                function String undefinedCall() {
                    return missing();
                }

                rule "A user counts the days left"
                    @source("seed")
                when
                    User( daysLeft(residence) > 1 )
                then
                end
                """);

        // When it is checked
        Commands.Run run = Commands.run("check", "--rules", rules.toString());

        // Then each function's error is reported once, at its line there, in the compiler's words, and nothing of
        // what follows from it (the rules that call the functions) nor of the generated Java shows
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out())
                .contains("extra.drl:6:5: error: in function daysLeft: Type mismatch: cannot convert from String to int."
                        + " Hint: a function is Java")
                .contains("extra.drl:10:5: error: in function undefinedCall: The method missing() is undefined. Hint:")
                .contains("2 errors, 0 warnings")
                .doesNotContain("IOException").doesNotContain("import").doesNotContain("Rules")
                .doesNotContain(".java");
    }

    @Test
    void aFunctionTheConditionsCannotCallIsOneErrorAtTheCondition(@TempDir Path folder) throws IOException {
        // Given a copy of the rules and a file whose function compiles, called where a condition compares a field
        Path rules = Commands.copyOfRules(folder);
        Files.writeString(rules.resolve("extra.drl"), """
                package rules;
                import alipaykb.facts.Card;

                function String heavy() {
                    return "Chase";
                }

                rule "Issuer is what a function says"
                    @source("seed")
                when
                    Card( issuer == heavy() )
                then
                end
                """);

        // When it is checked
        Commands.Run run = Commands.run("check", "--rules", rules.toString());

        // Then the one error is the condition's, at its line, and nothing of the function's class shows
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).containsPattern("extra\\.drl:11:\\d+: error: in rule \"Issuer is what a function says\": ")
                .contains("1 error, 0 warnings").doesNotContain("IOException").doesNotContain("import")
                .doesNotContain("no field 'heavy'");
    }

    @Test
    void aSyntaxErrorInAFunctionIsOneErrorAtItsLine(@TempDir Path folder) throws IOException {
        // Given a copy of the rules and a file whose function misses a semicolon at the end of line 10, after comments
        // (which the parsed body no longer has)
        Path rules = Commands.copyOfRules(folder);
        Files.writeString(rules.resolve("extra.drl"), """
                package rules;

                import java.math.BigDecimal;

                function BigDecimal half(BigDecimal a) {
                    // by two,
                    /* exactly
                       */
                    BigDecimal two = new BigDecimal("2");
                    BigDecimal half = a.divide(two)
                    return half;
                }
                """);

        // When it is checked
        Commands.Run run = Commands.run("check", "--rules", rules.toString());

        // Then the one error is the function's, at that line, and nothing of the compilers' classes shows
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).containsPattern("extra\\.drl:10:3\\d: error: in function half: syntax error")
                .contains("1 error, 0 warnings").doesNotContain("IOException").doesNotContain("import");
    }

    @Test
    void rulesThatNameNoAgendaGroupAreCheckedWithoutAFault(@TempDir Path folder) throws IOException {
        // Given a folder of one rule in no phase, so that the knowledge base keeps no agenda group at all
        Path rules = Files.createDirectories(folder.resolve("rules"));
        Files.writeString(rules.resolve("only.drl"), """
                package rules;
                import alipaykb.facts.Payment;

                rule "A payment above one"
                    @source("seed")
                when
                    Payment( amount > 1 )
                then
                end
                """);

        // When it is checked
        Commands.Run run = Commands.run("check", "--rules", rules.toString());

        // Then nothing fails while the reference tables and classifications are set up: only what the rules lack is
        // reported (the policy's tables)
        assertThat(run.out()).doesNotContain("NullPointerException").doesNotContain("fail when they set up")
                .contains("no rule says how fees are rounded");
    }

    @Test
    void aParserLinePrintedWhileCompilingNeverReachesStandardError(@TempDir Path folder) throws IOException {
        // Given a copy of the rules with a Unicode escape in a rule's actions, which a parser of Drools prints a
        // line of its own about, straight to System.err
        Path rules = Commands.copyOfRules(folder);
        Commands.edit(rules.resolve("advice.drl"), "    User( idUsedByAnotherAccount == true )\nthen\n",
                "    User( idUsedByAnotherAccount == true )\nthen\n    java.util.Map\\u0024Entry e = null;\n");

        // When it is checked
        Commands.Run run = Commands.run("check", "--rules", rules.toString());

        // Then the problem is reported in the rule, and standard error holds nothing of the parser's line
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).contains("in rule \"An ID that backs another verified account leaves a second account "
                + "restricted\": in its actions (then)").contains("1 error, 0 warnings");
        assertThat(run.err()).doesNotContain("no viable alternative").doesNotContain("line 1:");
    }

    @Test
    void aRuleNameUsedTwiceIsReportedOnceNamingBothPlaces(@TempDir Path folder) throws IOException {
        // Given a copy of the rules and a file that reuses the name of a shipped rule
        Path rules = Commands.copyOfRules(folder);
        Files.writeString(rules.resolve("extra.drl"), """
                package extra;
                import alipaykb.facts.User;
                rule "Huabei for real-name mainland users"
                    @source("seed")
                when
                    User()
                then
                end
                """);

        // When it is checked
        Commands.Run run = Commands.run("check", "--rules", rules.toString());

        // Then one error names both places, the count says one, and the rules do not load
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out())
                .containsPattern("extra\\.drl:3:1: error: rule \"Huabei for real-name mainland users\" is "
                        + "defined twice \\(at extra\\.drl:3, funding-options\\.drl:\\d+\\)")
                .contains("1 error, 0 warnings");
        assertThat(run.out().lines().filter(line -> line.contains("is defined twice")).count()).isEqualTo(1);
    }

    @Test
    void aRuleNameUsedTwiceInOneFileIsOneErrorWithoutGeneratedJava(@TempDir Path folder) throws IOException {
        // Given a copy of the rules and a file that names two rules alike
        Path rules = Commands.copyOfRules(folder);
        Files.writeString(rules.resolve("extra.drl"), """
                package extra;
                import alipaykb.facts.User;
                rule "A rule named twice"
                    @source("seed")
                when
                    User()
                then
                end
                rule "A rule named twice"
                    @source("seed")
                when
                    User( inMainlandChina )
                then
                end
                """);

        // When it is checked
        Commands.Run run = Commands.run("check", "--rules", rules.toString());

        // Then it is one error at the first rule, naming both lines, and nothing of the generated Java shows
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).contains("extra.drl:3:1: error: rule \"A rule named twice\" is defined twice (at extra.drl:3, "
                + "extra.drl:9)").contains("1 error, 0 warnings").doesNotContain("Rule_").doesNotContain("already defined");
    }

    @Test
    void lintFindsMissingSourcesMissingOrderAndTierLimitsAndNeedlessSalience(@TempDir Path folder)
            throws IOException {
        // Given a copy of the rules with one lint problem of each kind
        Path rules = Commands.copyOfRules(folder);
        Commands.edit(rules.resolve("advice.drl"), """
                rule "An ID that backs another verified account leaves a second account restricted"
                    @source("seed")
                """, """
                rule "An ID that backs another verified account leaves a second account restricted"
                """);
        Commands.edit(rules.resolve("reference-data.drl"), """
                    insert( new FundingOptionSpec(FundingCode.HUABEI, 4, List.of(""", """
                    insert( new FundingOptionSpec(FundingCode.DIRECT_BIND, 4, List.of(""");
        for (String scope : new String[] {"DAILY,    TransactionKind.TRANSFER", "DAILY,    TransactionKind.QR_PAYMENT",
                "ANNUAL,   TierLimit.ALL_KINDS"}) {
            Commands.edit(rules.resolve("limit-tiers.drl"), "TierCode.REAL_NAME_VERIFIED, LimitScope." + scope,
                    "TierCode.PASSPORT_VERIFIED,  LimitScope." + scope);
        }
        Commands.edit(rules.resolve("funding-options.drl"), """
                rule "A virtual prepaid card may work"
                    @source("seed")
                """, """
                rule "A virtual prepaid card may work"
                    @source("seed")
                    salience 10
                """);

        // When it is checked
        Commands.Run run = Commands.run("check", "--rules", rules.toString());

        // Then each is found
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out())
                .contains("error: rule \"An ID that backs another verified account leaves a second account restricted\""
                        + " cites no source")
                .contains("error: the funding option HUABEI is missing from the order list")
                .contains("error: the tier REAL_NAME_VERIFIED has no daily, monthly or annual limit")
                .containsPattern("funding-options\\.drl:\\d+:1: warning: rule \"A virtual prepaid card may work\" has "
                        + "salience 10 but nothing in it needs ordering")
                .contains("3 errors, 1 warning");
    }

    @Test
    void warningsAloneFailOnlyWithStrict(@TempDir Path folder) throws IOException {
        // Given a rule with needless salience and nothing else wrong
        Path rules = Commands.copyOfRules(folder);
        Commands.edit(rules.resolve("advice.drl"), """
                rule "An ID that backs another verified account leaves a second account restricted"
                    @source("seed")
                """, """
                rule "An ID that backs another verified account leaves a second account restricted"
                    @source("seed")
                    salience 5
                """);

        // When it is checked with and without --strict, Then only --strict fails
        assertThat(Commands.run("check", "--rules", rules.toString()).exit()).isZero();
        Commands.Run strict = Commands.run("check", "--strict", "--rules", rules.toString());
        assertThat(strict.exit()).isEqualTo(1);
        assertThat(strict.out()).contains("0 errors, 1 warning");
    }

    @Test
    void theRulesASyntaxErrorSetsAsideAreNamedInTheSummary(@TempDir Path folder) throws IOException {
        // Given a copy of the rules and a file whose second rule has a syntax error
        Path rules = Commands.copyOfRules(folder);
        Files.writeString(rules.resolve("extra.drl"), """
                package extra;
                import alipaykb.facts.Payment;
                rule "Fine before the error"
                    @source("seed")
                when
                    Payment( amount > 100 )
                then
                end
                rule "The broken one"
                    @source("seed")
                when
                    Payment( amount > )
                then
                end
                """);

        // When it is checked
        Commands.Run run = Commands.run("check", "--rules", rules.toString());

        // Then the error is reported, the rules it kept from being read are named with their lines, and the count
        // is the number of errors printed
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).contains("extra.drl:12:")
                .contains("extra.drl: 2 rules were set aside by the error above and not checked: "
                        + "\"Fine before the error\" (line 3), \"The broken one\" (line 9)")
                .contains("1 error, 0 warnings");
        assertThat(run.out().lines().filter(line -> line.contains(": error: ")).count()).isEqualTo(1);
    }

    @Test
    void rulesThatDoNotSayHowOptionsAreRankedOrSayItTwiceAreAnError(@TempDir Path folder) throws IOException {
        // Given a copy without the ranking rule, and another with it twice
        Path none = Commands.copyOfRules(folder.resolve("none"));
        String ranking = "    insert( new OptionRanking(List.of(RankBy.LIKELIHOOD, RankBy.ORDER_IN_RULES), Provenance.of(drools)) );\n";
        Commands.edit(none.resolve("funding-options.drl"), ranking, "");
        Path twice = Commands.copyOfRules(folder.resolve("twice"));
        Commands.edit(twice.resolve("funding-options.drl"), ranking, ranking + ranking);

        // When they are checked
        Commands.Run withNone = Commands.run("check", "--rules", none.toString());
        Commands.Run withTwo = Commands.run("check", "--rules", twice.toString());

        // Then each is refused, saying what is wrong
        assertThat(withNone.exit()).isEqualTo(2);
        assertThat(withNone.out()).contains("error: no rule says how funding options are ranked");
        assertThat(withTwo.exit()).isEqualTo(2);
        assertThat(withTwo.out()).containsPattern("funding-options\\.drl:\\d+:1: error: 2 rules say how funding options are ranked");
    }
}
