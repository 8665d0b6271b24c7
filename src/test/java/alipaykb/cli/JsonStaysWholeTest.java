package alipaykb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import alipaykb.decisions.Decision;
import alipaykb.engine.KnowledgeBase;
import alipaykb.facts.App;
import alipaykb.facts.Card;
import alipaykb.facts.CardType;
import alipaykb.facts.Checks;
import alipaykb.facts.Network;
import alipaykb.facts.Payment;
import alipaykb.facts.Profile;
import alipaykb.facts.SafeText;
import alipaykb.facts.TransactionKind;
import alipaykb.facts.Usage;
import alipaykb.facts.User;
import alipaykb.facts.Verification;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every output masks runs of 12 or more digits, so no number the product writes may have that many: else a
 * JSON number would be cut to {@code [digits ending ...]} and the JSON broken. Inputs are bounded for that
 * (amounts at most 999,999,999.99, rates at most 4 digits and 6 decimals), and numbers are written without
 * trailing zeros past two decimals. Generated profiles at those bounds prove it: their decisions' JSON passes
 * the output filter unchanged.
 */
class JsonStaysWholeTest {
    private static final KnowledgeBase KNOWLEDGE_BASE = KnowledgeBase.load(Path.of("rules"));

    /** A decimal with up to the given digits before and after the point, written with extra trailing zeros. */
    private static Arbitrary<BigDecimal> decimals(int whole, int decimals, int minimumCents) {
        return Combinators.combine(
                        Arbitraries.bigIntegers().between(BigInteger.valueOf(minimumCents),
                                BigInteger.TEN.pow(whole + decimals).subtract(BigInteger.ONE)),
                        Arbitraries.integers().between(0, 20))
                .as((unscaled, zeros) -> new BigDecimal(unscaled, decimals).setScale(decimals + zeros));
    }

    @Provide
    Arbitrary<Profile> profilesAtTheBounds() {
        Arbitrary<BigDecimal> amounts = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, decimals(Checks.MAX_WHOLE_DIGITS, 2, 1)),
                net.jqwik.api.Tuple.of(1, decimals(4, 2, 1)));
        Arbitrary<BigDecimal> rates = decimals(Checks.MAX_RATE_WHOLE_DIGITS, Checks.MAX_RATE_DECIMALS, 1);
        Arbitrary<List<Payment>> payments = Combinators.combine(Arbitraries.of(TransactionKind.class), amounts,
                        Arbitraries.of("visa", Payment.BALANCE, Payment.WALLET))
                .as((kind, amount, via) -> new Object[] {kind, amount, via}).list().ofMinSize(1).ofMaxSize(4)
                .map(drafts -> {
                    List<Payment> list = new ArrayList<>();
                    for (int i = 0; i < drafts.size(); i++) {
                        list.add(new Payment("t" + (i + 1), i + 1, (TransactionKind) drafts.get(i)[0],
                                (BigDecimal) drafts.get(i)[1], (String) drafts.get(i)[2]));
                    }
                    return list;
                });
        Arbitrary<Usage> usages = Combinators.combine(decimals(Checks.MAX_WHOLE_DIGITS, 2, 0),
                        decimals(Checks.MAX_WHOLE_DIGITS, 2, 0))
                .as((month, year) -> new Usage(Map.of(), 0, month, year, year, 1));
        return Combinators.combine(rates, rates, Arbitraries.of(Verification.class), Arbitraries.of("US", "HK", "KR"),
                        usages, payments, Arbitraries.of(LocalDate.of(2024, 2, 1), LocalDate.of(2025, 6, 1)))
                .as((usd, hkd, verification, residence, usage, transactions, asOf) -> new Profile(asOf,
                        Map.of("USD", usd, "HKD", hkd),
                        new User(residence, true, App.MAINLAND, verification, false, false, false, Set.of(), false),
                        List.of(new Card("visa", "US", Network.VISA, CardType.CREDIT, "Chase", false, null)),
                        usage, transactions));
    }

    private static final String WALLET_PAYMENT = "{\"scenario\":\"sg wallet\",\"asOf\":\"2025-06-01\",\"user\":"
            + "{\"residence\":\"SG\",\"verification\":\"REAL_NAME\"},\"cards\":[{\"id\":\"41111111\",\"issuerCountry\":"
            + "\"SG\"},{\"id\":\"1111\",\"issuerCountry\":\"SG\"}],\"transactions\":[{\"id\":\"t0\",\"kind\":"
            + "\"ONLINE_PAYMENT\",\"amount\":52941.97,\"via\":\"wallet\"},{\"id\":\"order-20250601-1\",\"kind\":"
            + "\"ONLINE_PAYMENT\",\"amount\":1000,\"via\":\"wallet\"}]}\n";

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"--summary", "--with-fired-rules"})
    void batchRecordsStayJsonWhenTheirIdsAndValuesTogetherHoldManyDigits(String option,
            @org.junit.jupiter.api.io.TempDir Path folder) throws Exception {
        // Given a profile whose card ids (41111111 and 1111), payment ids and fee range each hold fewer than 12
        // digits, though side by side in the JSON they hold more
        Path input = java.nio.file.Files.writeString(folder.resolve("profiles.jsonl"), WALLET_PAYMENT);
        Path output = folder.resolve("decisions.jsonl");

        // When batch writes its record to standard output and to a file
        alipaykb.testsupport.Commands.Run toStdout = alipaykb.testsupport.Commands.run("batch", input.toString(), option);
        alipaykb.testsupport.Commands.Run toFile = alipaykb.testsupport.Commands.run("batch", input.toString(), option,
                "--out", output.toString());

        // Then both records are the same valid JSON, with every id and the fee range as they are
        assertThat(toStdout.exit()).isZero();
        assertThat(toFile.exit()).isZero();
        String record = java.nio.file.Files.readString(output);
        assertThat(toStdout.out()).isEqualTo(record);
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(record);
        assertThat(record).doesNotContain("[digits ending");
        if (option.equals("--summary")) {
            assertThat(json.at("/fees/t0").asText()).isEqualTo("529.42 to 1588.26");
            assertThat(json.at("/fees/order-20250601-1").asText()).isEqualTo("10.00 to 30.00");
        } else {
            assertThat(record).contains("\"41111111\"", "\"1111\"", "\"order-20250601-1\"");
        }
    }

    @org.junit.jupiter.api.Test
    void adviseJsonStaysJsonWhenItsIdsAndValuesTogetherHoldManyDigits(@org.junit.jupiter.api.io.TempDir Path folder)
            throws Exception {
        // Given the same profile as a scenario file
        Path input = java.nio.file.Files.writeString(folder.resolve("profile.json"), WALLET_PAYMENT);

        // When advise writes it as JSON
        alipaykb.testsupport.Commands.Run run = alipaykb.testsupport.Commands.run("advise", "--json", input.toString());

        // Then it is valid JSON with every id as it is
        assertThat(run.exit()).isZero();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
        assertThat(run.out()).doesNotContain("[digits ending").contains("\"41111111\"", "\"1111\"",
                "\"order-20250601-1\"");
    }

    @Property(tries = 200)
    void theJsonOfADecisionAtTheBoundsPassesTheOutputFilterUnchanged(@ForAll("profilesAtTheBounds") Profile profile)
            throws Exception {
        // Given a decision on a profile with amounts, totals and rates as long as they may be
        Decision decision = KNOWLEDGE_BASE.evaluate(profile);

        // When it is written as advise --json and batch write it
        String pretty = alipaykb.json.DecisionJson.write(decision);
        String line = alipaykb.json.DecisionJson.writeLine(decision);

        // Then the output filter finds no run of digits to cut in it
        assertThat(SafeText.of(pretty)).isEqualTo(pretty);
        assertThat(SafeText.of(line)).isEqualTo(line);
    }
}
