package alipaykb.cli;

import alipaykb.testsupport.Commands;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code explain} shows the rules that fired, or why one did not. */
class ExplainCommandTest {
    private static final String DAY = "test-scenarios/examples/us-traveller-in-shanghai.yaml";

    @Test
    void everyFiringIsListedInOrderWithFileLineSourceAndFacts() {
        // When
        Commands.Run run = Commands.run("explain", DAY);

        // Then the reference tables come first and each firing says where its rule is and what it matched
        assertThat(run.exit()).isZero();
        assertThat(run.out())
                .containsPattern("   1\\. (Reference|Table): .*\\n        [a-z-]+\\.drl:\\d+ · source ")
                .containsPattern("A card issued outside mainland China is foreign\\n"
                        + "        classification\\.drl:\\d+ · source seed\\n"
                        + "        matched Card\\[id=\\w+, issuerCountry=(US|GB)")
                .contains("matched Payment[id=hotel, position=4, kind=ONLINE_PAYMENT, amount=4700, via=amex]")
                .containsPattern("\\d+ firings of \\d+ rules\\.")
                .doesNotContain("InitialFact").doesNotContain("Provenance[");
        assertThat(run.out().indexOf("Reference: the default exchange rate"))
                .isLessThan(run.out().indexOf("A transaction with no reason to deny is allowed"));
    }

    @Test
    void aRuleThatDidNotFireShowsTheConditionThatFailedAndTheNearestMiss() {
        // When asking about the monthly limit, which the day's payments stay under
        Commands.Run run = Commands.run("explain", DAY, "--rule", "A transaction beyond the monthly limit is denied");

        // Then the third condition failed on its test, for the monthly limit of 20,000, with the values it read
        assertThat(run.exit()).isZero();
        assertThat(run.out())
                .contains("did not fire.")
                .containsPattern("1\\. HELD +Usage\\(")
                .containsPattern("2\\. HELD +Payment\\(")
                .containsPattern("3\\. FAILED +Limit\\( scope == LimitScope\\.MONTHLY, \\$month \\+ \\$amount > value \\)")
                .contains("none met '$month + $amount > value'")
                .contains("Limit[scope=MONTHLY, kind=null, value=20000, basis=null]")
                .containsPattern("with \\$month = 12\\d{3}, \\$amount = \\d+");
    }

    @Test
    void aRuleWhoseFactIsMissingSaysSo() {
        // When asking about Huabei for a passport-verified user
        Commands.Run run = Commands.run("explain", DAY, "--rule", "Huabei for real-name mainland users");

        // Then the user fact is the nearest miss, failing on verification
        assertThat(run.out()).contains("none met 'verification == Verification.REAL_NAME'")
                .contains("verification=PASSPORT");
    }

    @Test
    void aRuleThatFiredSaysHowOften() {
        Commands.Run run = Commands.run("explain", DAY, "--rule", "A foreign-card payment above the fee's threshold pays the service fee");
        assertThat(run.out()).contains("fired.").contains("it fired 2 times");
    }

    @Test
    void anUnknownRuleIsAUsageErrorWithASuggestion() {
        Commands.Run run = Commands.run("explain", DAY, "--rule", "Huabei for real name");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no rule is named \"Huabei for real name\"; did you mean "
                + "\"Huabei for real-name mainland users\"?");
    }
}
