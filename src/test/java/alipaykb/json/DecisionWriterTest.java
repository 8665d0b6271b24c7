package alipaykb.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import alipaykb.decisions.Advice;
import alipaykb.decisions.AdviceCode;
import alipaykb.decisions.Decision;
import alipaykb.decisions.DecisionSummary;
import alipaykb.decisions.DenyReason;
import alipaykb.decisions.Feature;
import alipaykb.decisions.FeeItem;
import alipaykb.decisions.FeeItemCode;
import alipaykb.decisions.FeeQuote;
import alipaykb.decisions.FiredRule;
import alipaykb.decisions.FundingCode;
import alipaykb.decisions.FundingOption;
import alipaykb.decisions.Likelihood;
import alipaykb.decisions.Limit;
import alipaykb.decisions.LimitScope;
import alipaykb.decisions.Outcome;
import alipaykb.decisions.Provenance;
import alipaykb.decisions.ReasonCode;
import alipaykb.decisions.Tier;
import alipaykb.decisions.TierCode;
import alipaykb.decisions.TierNote;
import alipaykb.decisions.TransactionResult;
import alipaykb.facts.TransactionKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A decision is written straight to a generator, field by field, with every part's fields in the order of its
 * record's components, numbers and texts as the command line has always written them, and one record after
 * another on the same thread each whole.
 */
class DecisionWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Provenance BECAUSE = new Provenance("A rule", "limits.drl", "seed");

    /** A decision with every part present at least once, a card number in a step and a bell in a caveat. */
    private static Decision decision(BigDecimal fee) {
        FeeItem item = new FeeItem("t1", FeeItemCode.values()[0], fee, new BigDecimal("3.000"), "3% above 200 CNY", BECAUSE);
        FeeQuote quote = new FeeQuote("t1", fee, new BigDecimal("3.000"), List.of(item), BECAUSE);
        return new Decision("0123abcd", LocalDate.of(2025, 6, 1), Map.of("USD", new BigDecimal("7.20")),
                List.of(new FundingOption(FundingCode.DIRECT_BIND, Likelihood.HIGH, 3, List.of("visa"), List.of(),
                        List.of("Enter the card 4111 1111 1111 1111."), List.of("A bell \u0007 rings."), List.of(BECAUSE))),
                new Tier(TierCode.UNVERIFIED, Set.of(Feature.TRANSFERS),
                        List.of(new Limit(LimitScope.RED_ENVELOPES_PER_DAY, TransactionKind.RED_ENVELOPE,
                                        new BigDecimal("100"), null, BECAUSE),
                                new Limit(LimitScope.DAILY, null, new BigDecimal("36000.000000"), "USD 5000 at 7.200000",
                                        BECAUSE)),
                        List.of(new TierNote("A note.", BECAUSE)), BECAUSE),
                List.of(new TransactionResult("t1", TransactionKind.QR_PAYMENT, new BigDecimal("201"), "visa", Outcome.DENY,
                        List.of(new DenyReason("t1", ReasonCode.values()[0], BECAUSE)), quote,
                        new Provenance("Another rule", null, null))),
                List.of(new Advice(AdviceCode.values()[0], List.of("a detail"), BECAUSE)),
                List.of(new FiredRule("A rule", "limits.drl", "seed", 2)));
    }

    @Test
    void everyPartIsWrittenWithTheFieldsOfItsRecordInTheirOrder() throws Exception {
        // Given a decision with every part present
        Decision decision = decision(new BigDecimal("0.125000"));

        // When it is written as a record with the rules that fired
        JsonNode written = JSON.readTree(DecisionJson.line(decision, true));

        // Then each object has its record's components as fields, in order (a funding option's position is
        // called orderInRules), and so on down every part
        assertSameFields(decision, written, "");
    }

    private static void assertSameFields(Object value, JsonNode written, String path) throws Exception {
        if (value instanceof Collection<?> values) {
            assertThat(written.isArray()).as(path).isTrue();
            int i = 0;
            for (Object element : values) {
                assertSameFields(element, written.get(i), path + "[" + i + "]");
                i++;
            }
        } else if (value != null && value.getClass().isRecord()) {
            List<String> components = new ArrayList<>();
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                String name = value instanceof FundingOption && component.getName().equals("position") ? "orderInRules"
                        : component.getName();
                components.add(name);
                assertSameFields(component.getAccessor().invoke(value), written.get(name), path + "." + name);
            }
            List<String> fields = new ArrayList<>();
            written.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).as(path).containsExactlyElementsOf(components);
        }
    }

    @Test
    void numbersAreWrittenPlainMoneyWithTwoDecimalsCountsWhole() {
        // Given a decision with an amount of 201, a fee of 0.125000 to 3.000, a count of 100 and a cap of 36000.000000
        Decision decision = decision(new BigDecimal("0.125000"));

        // When it is written
        String line = DecisionJson.line(decision, false);

        // Then the amount is money (201.00), decimals past two lose their trailing zeros but keep two (0.125, 3.00),
        // the count is whole and the cap is money, and the rate keeps its digits
        assertThat(line).contains("\"amount\":201.00,").contains("\"min\":0.125,\"max\":3.00,")
                .contains("\"value\":100,").contains("\"value\":36000.00,").contains("\"fx\":{\"USD\":7.20}");
    }

    @Test
    void textsGoThroughTheOutputFilterAndCodesAndDatesAsTheyAre() {
        // Given a decision whose step holds a card number and whose caveat holds a bell
        Decision decision = decision(BigDecimal.ONE);

        // When it is written
        String line = DecisionJson.line(decision, false);

        // Then the number is cut to its last four, the bell is a code, and no digit of the number is left
        assertThat(line).contains("\"Enter the card [digits ending 1111].\"").contains("\"A bell U+0007 rings.\"")
                .doesNotContain("4111").contains("\"asOf\":\"2025-06-01\"").contains("\"code\":\"DIRECT_BIND\"")
                .contains("\"file\":null,\"source\":null").contains("\"basis\":null");
    }

    @Test
    void withoutTheRulesThatFiredTheRecordEndsWithTheAdvice() throws Exception {
        // Given a decision with a rule that fired
        Decision decision = decision(BigDecimal.ONE);

        // When it is written without and with the rules that fired
        JsonNode without = JSON.readTree(DecisionJson.line(decision, false));
        JsonNode with = JSON.readTree(DecisionJson.line(decision, true));

        // Then only the second has them
        assertThat(without.has("firedRules")).isFalse();
        assertThat(with.get("firedRules").get(0).get("times").asInt()).isEqualTo(2);
        JsonNode withoutThem = ((com.fasterxml.jackson.databind.node.ObjectNode) with.deepCopy()).without("firedRules");
        assertThat(withoutThem).isEqualTo(without);
    }

    @Test
    void aDecisionInsideAnotherValueIsWrittenTheSameWay() {
        // Given a decision
        Decision decision = decision(BigDecimal.ONE);

        // When it is written alone, and inside a list, without the rules that fired
        String alone = DecisionJson.line(decision, false);
        String inList = DecisionJson.line(List.of(decision), false);

        // Then the list holds the same record
        assertThat(inList).isEqualTo("[" + alone + "]");
    }

    @Test
    void advisesIndentedJsonHoldsTheSameValuesAsTheRecord() throws Exception {
        // Given a decision
        Decision decision = decision(BigDecimal.ONE);

        // When it is written indented, as advise --json does, and as a record
        String indented = DecisionJson.write(decision);

        // Then it is on several lines and holds the same JSON
        assertThat(indented).contains("\n  \"asOf\" : \"2025-06-01\",");
        assertThat(JSON.readTree(indented)).isEqualTo(JSON.readTree(DecisionJson.writeLine(decision)));
    }

    @Test
    void aPartWrittenAloneIsWrittenAsInsideADecision() {
        // Given a decision's funding option and transaction
        Decision decision = decision(BigDecimal.ONE);

        // When each is written alone
        String option = DecisionJson.line(decision.fundingOptions().get(0), true);
        String transaction = DecisionJson.line(decision.transactions().get(0), true);

        // Then each is written as inside the decision: the option's position as orderInRules, the amount as money
        assertThat(DecisionJson.line(decision, false)).contains(option).contains(transaction);
        assertThat(option).contains("\"orderInRules\":3");
        assertThat(transaction).contains("\"amount\":201.00");
    }

    @Test
    void recordsWrittenOneAfterAnotherOnAThreadAreEachWhole() throws Exception {
        // Given two decisions and their summaries
        Decision first = decision(BigDecimal.ONE);
        Decision second = decision(new BigDecimal("2.5"));

        // When they are written one after another on one thread
        String one = DecisionJson.line(first, false);
        String two = DecisionJson.line(second, false);
        String summary = DecisionJson.line(DecisionSummary.of(second), false);
        String again = DecisionJson.line(first, false);

        // Then each is one JSON object of its own, with nothing before it, and the first is written the same again
        for (String record : List.of(one, two, summary, again)) {
            assertThat(record).startsWith("{\"rulesVersion\":\"0123abcd\"").endsWith("}");
            assertThat(JSON.readTree(record).isObject()).isTrue();
        }
        assertThat(two).contains("\"min\":2.5").doesNotContain("\"min\":1,");
        assertThat(summary).isEqualTo("{\"rulesVersion\":\"0123abcd\",\"asOf\":\"2025-06-01\","
                + "\"funding\":[\"DIRECT_BIND:HIGH\"],"
                + "\"tier\":\"UNVERIFIED\",\"verdicts\":{\"t1\":\"DENY " + ReasonCode.values()[0] + "\"},"
                + "\"fees\":{\"t1\":\"2.5 to 3.000\"},\"advice\":[\"" + AdviceCode.values()[0] + "\"]}");
        assertThat(again).isEqualTo(one);
    }

    @Test
    void aRecordThatCannotBeWrittenLeavesTheNextOneWhole() {
        // Given a decision with a fee no JSON number can write plainly (10,001 decimals), and a good one
        Decision unwritable = decision(new BigDecimal(BigInteger.ONE, 10_001));
        Decision good = decision(BigDecimal.ONE);
        String expected = DecisionJson.line(good, false);

        // When the first is written, Then it fails as the mapper would have
        assertThatThrownBy(() -> DecisionJson.line(unwritable, false)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot write JSON: ").hasMessageContaining("scale");

        // And the next record on the same thread is whole: nothing of the failed one is in it
        assertThat(DecisionJson.line(good, false)).isEqualTo(expected);
    }
}
