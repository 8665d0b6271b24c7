package alipaykb.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import alipaykb.facts.App;
import alipaykb.facts.Document;
import alipaykb.facts.Network;
import alipaykb.facts.TransactionKind;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A JSON line is bound as it is parsed when it holds nothing unusual, and read as a tree otherwise; either way
 * it comes out as the tree reader alone made it: the same scenario, or the same error.
 */
class JsonLineBinderTest {
    private static final ScenarioReader READER =
            new ScenarioReader(Clock.fixed(Instant.parse("2025-03-01T00:00:00Z"), ZoneOffset.UTC));
    private static final Path FILE = Path.of("profiles.jsonl");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A line as bench/generate-profiles.py writes them, with a card number and a rate besides. */
    private static final String LINE = "{\"scenario\":\"generated profile 1\",\"asOf\":\"2025-06-01\",\"fx\":{\"USD\":7.1},"
            + "\"user\":{\"residence\":\"KR\",\"inMainlandChina\":true,\"app\":\"MAINLAND\",\"verification\":\"REAL_NAME\","
            + "\"chinesePhone\":false,\"chineseBankAccount\":false,\"chineseContact\":true,"
            + "\"documents\":[\"selfieWithPassport\",\"passport\"],\"idUsedByAnotherAccount\":false},"
            + "\"cards\":[{\"id\":\"c0\",\"issuerCountry\":\"CN\",\"network\":\"VISA\",\"type\":\"CREDIT\",\"issuer\":\"ICBC\","
            + "\"chinesePartner\":false,\"number\":\"4111 1111 1111 1111\"},{\"id\":\"c1\",\"issuerCountry\":\"KR\"}],"
            + "\"usage\":{\"today\":{\"QR_PAYMENT\":590,\"TRANSFER\":10.5},\"redEnvelopesToday\":74,\"thisMonth\":7104,"
            + "\"thisYear\":59097.25,\"foreignCardsThisYear\":3249},"
            + "\"transactions\":[{\"id\":\"t0\",\"kind\":\"ONLINE_PAYMENT\",\"amount\":3802.04,\"via\":\"c0\"},"
            + "{\"id\":\"t1\",\"kind\":\"QR_PAYMENT\",\"amount\":201,\"via\":\"c1\"},"
            + "{\"id\":\"t2\",\"kind\":\"TRANSFER\",\"amount\":500.0,\"via\":\"balance\"}]}";

    private static ScenarioDocument bind(String line) throws Exception {
        try (JsonParser parser = ScenarioReader.jsonParser(line)) {
            return JsonLineBinder.bind(parser);
        }
    }

    /** Reads a line one way. */
    @FunctionalInterface
    private interface Read {
        Scenario read() throws InputError;
    }

    /** What reading gives: the scenario, or the error's message. */
    private static String outcome(Read read) {
        try {
            return "scenario " + read.read();
        } catch (InputError e) {
            return "error " + e.getMessage();
        }
    }

    @Test
    void aUsualLineIsBoundWithEveryValueAsWritten() throws Exception {
        // Given a line of the format's fields, each with a value of its type

        // When it is bound as it is parsed
        ScenarioDocument document = bind(LINE);

        // Then each value is there, decimals with the digits written (500.0 keeps its one decimal)
        assertThat(document.user().app()).isEqualTo(App.MAINLAND);
        assertThat(document.user().documents()).containsExactly(Document.SELFIE_WITH_PASSPORT, Document.PASSPORT);
        assertThat(document.cards()).hasSize(2);
        assertThat(document.cards().get(0).network()).isEqualTo(Network.VISA);
        assertThat(document.cards().get(0).number().textValue()).isEqualTo("4111 1111 1111 1111");
        assertThat(document.usage().today()).containsExactly(
                java.util.Map.entry(TransactionKind.QR_PAYMENT, new BigDecimal("590")),
                java.util.Map.entry(TransactionKind.TRANSFER, new BigDecimal("10.5")));
        assertThat(document.usage().redEnvelopesToday()).isEqualTo(74);
        assertThat(document.transactions().get(0).amount()).isEqualTo(new BigDecimal("3802.04"));
        assertThat(document.transactions().get(2).amount()).isEqualTo(new BigDecimal("500.0"));
        assertThat(document.fx()).containsEntry("USD", new BigDecimal("7.1"));
        assertThat(document.expect()).isNull();
    }

    @Test
    void aUsualLineBecomesTheScenarioTheTreeReaderMakes() throws InputError {
        // Given the usual line

        // When it is read, and read as a tree
        Scenario read = READER.readJsonLine(FILE, 4, LINE);
        Scenario tree = READER.readJsonTree(FILE, 4, LINE);

        // Then both are the same scenario, down to the card's last four digits and the amounts' scales
        assertThat(read).isEqualTo(tree);
        assertThat(read.profile().cards().get(0).lastFour()).isEqualTo("1111");
        assertThat(read.profile().transactions().get(2).amount().scale()).isEqualTo(1);
    }

    /** Lines holding something only the tree reader judges, one thing each. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"user\":{\"residence\":\"US\"},\"unknown\":1}",
        "{\"user\":{\"residence\":\"US\",\"app\":null}}",
        "{\"user\":{\"residence\":\"US\",\"app\":\"mainland\"}}",
        "{\"user\":{\"residence\":\"US\",\"app\":0}}",
        "{\"user\":{\"residence\":\"US\",\"documents\":[\"PASSPORT\"]}}",
        "{\"user\":{\"residence\":\"US\",\"inMainlandChina\":\"true\"}}",
        "{\"user\":{\"residence\":7}}",
        "{\"user\":{\"residence\":\"US\"},\"usage\":{\"redEnvelopesToday\":1.0}}",
        "{\"user\":{\"residence\":\"US\"},\"usage\":{\"redEnvelopesToday\":2147483648}}",
        "{\"user\":{\"residence\":\"US\"},\"usage\":{\"thisMonth\":\"12\"}}",
        "{\"user\":{\"residence\":\"US\"},\"usage\":{\"thisMonth\":1e3}}",
        "{\"user\":{\"residence\":\"US\"},\"usage\":{\"today\":{\"qr_payment\":1}}}",
        "{\"user\":{\"residence\":\"US\"},\"cards\":[{\"id\":\"c\",\"issuerCountry\":\"US\",\"number\":4111111111111111}]}",
        "{\"user\":{\"residence\":\"US\"},\"cards\":{}}",
        "{\"user\":{\"residence\":\"US\"},\"transactions\":[7]}",
        "{\"user\":{\"residence\":\"US\"},\"expect\":{}}",
        "{\"user\":{\"residence\":\"US\"}} {}",
        "{\"user\":{\"residence\":\"US\"}",
        "{\"user\":{\"residence\":\"US\",\"residence\":\"GB\"}}",
        "[]",
        "",
    })
    void anUnusualLineIsLeftToTheTreeReader(String line) {
        // Given a line holding one thing the tree reader must judge

        // When it is bound as it is parsed, Then the binder gives it up
        assertThatThrownBy(() -> bind(line)).isInstanceOf(JsonLineBinder.Unusual.class);
    }

    @Test
    void anUnusualLineGetsTheTreeReadersError() {
        // Given a usual line but for a flag written as text
        String line = LINE.replace("\"chinesePhone\":false", "\"chinesePhone\":\"no\"");

        // When it is read
        String read = outcome(() -> READER.readJsonLine(FILE, 9, line));

        // Then the error is the tree reader's, naming the line and the field
        assertThat(read).isEqualTo(outcome(() -> READER.readJsonTree(FILE, 9, line)))
                .isEqualTo("error profiles.jsonl:9: user.chinesePhone: expected true or false, found the text 'no'");
    }

    @Property(tries = 3000)
    void everyLineIsReadAsTheTreeReaderReadsIt(@ForAll("linesChangedInOnePlace") String line) {
        // Given a usual line changed in one place: a value replaced, a field removed or added, something after
        // it, a character edited
        String tree = outcome(() -> READER.readJsonTree(FILE, 2, line));
        Statistics.label("outcome").collect(tree.startsWith("error") ? "an error" : "a scenario");
        Statistics.label("read").collect(usual(line) ? "as it is parsed" : "as a tree");

        // When it is read
        String read = outcome(() -> READER.readJsonLine(FILE, 2, line));

        // Then it gives what the tree reader gives: the same scenario, or the same error
        assertThat(read).isEqualTo(tree);
        // (and the lines tried took both ways often)
        Statistics.label("read").coverage(coverage -> {
            coverage.check("as it is parsed").percentage(percent -> percent > 15);
            coverage.check("as a tree").percentage(percent -> percent > 15);
        });
    }

    private static boolean usual(String line) {
        try {
            bind(line);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Values that may stand anywhere: of every type, codes spelt right and wrong, numbers within and past limits. */
    private static final List<Object> VALUES = List.of("null", "true", "false", "0", "-1", "1", "-0", "2147483648",
            "99999999999999999999", "1.5", "500.0", "-0.0", "1e5", "1.123456789", "10.125", "\"\"", "\" \"", "\"x\"",
            "\"US\"", "\"0\"", "\"passport\"", "\"PASSPORT\"", "\"MAINLAND\"", "\"mainland\"", "\"QR_PAYMENT\"",
            "\"balance\"", "\"c0\"", "[]", "[null]", "[\"passport\"]", "[1]", "{}", "{\"a\":1}",
            "\"4111 1111 1111 1111\"", "4111111111111111", "\"2025-06-01\"", "\" 2025-06-01 \"", "\"2025-02-30\"",
            "\"\\u0007\"", "\"a\\nb\"", "\"\\ud800\"", "\"t0\"");
    private static final List<String> NAMES = List.of("unknown", "expect", "number", "residence", "id", "amount",
            "USD", "QR_PAYMENT", "scenario", "today");
    private static final List<String> SUFFIXES = List.of(" ", "\t", " {}", "}", "]", " x", " 1e5", " null", "\r", "{");
    private static final String CHARACTERS = "{}[]:,\"\\0123456789.-eE ntfu\u0007\u00e9";

    @Provide
    Arbitrary<String> linesChangedInOnePlace() {
        return Arbitraries.longs().map(seed -> changed(new Random(seed)));
    }

    private static String changed(Random random) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(LINE);
            List<JsonNode> containers = new ArrayList<>();
            collect(root, containers);
            JsonNode container = containers.get(random.nextInt(containers.size()));
            switch (random.nextInt(6)) {
                case 0 -> {
                    JsonNode value = JSON.readTree(String.valueOf(VALUES.get(random.nextInt(VALUES.size()))));
                    if (container instanceof ObjectNode object) {
                        List<String> names = new ArrayList<>();
                        object.fieldNames().forEachRemaining(names::add);
                        object.set(names.get(random.nextInt(names.size())), value);
                    } else {
                        ((ArrayNode) container).set(random.nextInt(container.size()), value);
                    }
                }
                case 1 -> {
                    if (container instanceof ObjectNode object) {
                        List<String> names = new ArrayList<>();
                        object.fieldNames().forEachRemaining(names::add);
                        object.remove(names.get(random.nextInt(names.size())));
                    } else {
                        ((ArrayNode) container).remove(random.nextInt(container.size()));
                    }
                }
                case 2 -> {
                    JsonNode value = JSON.readTree(String.valueOf(VALUES.get(random.nextInt(VALUES.size()))));
                    if (container instanceof ObjectNode object) {
                        object.set(NAMES.get(random.nextInt(NAMES.size())), value);
                    } else {
                        ((ArrayNode) container).add(value);
                    }
                }
                case 3 -> {
                    return JSON.writeValueAsString(root) + SUFFIXES.get(random.nextInt(SUFFIXES.size()));
                }
                default -> {
                    String text = JSON.writeValueAsString(root);
                    int at = random.nextInt(text.length());
                    char c = CHARACTERS.charAt(random.nextInt(CHARACTERS.length()));
                    return random.nextBoolean() ? text.substring(0, at) + c + text.substring(at + 1)
                            : text.substring(0, at) + text.substring(at + 1);
                }
            }
            return JSON.writeValueAsString(root);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every object and list of a tree that holds something. */
    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode() && !node.isEmpty()) {
            containers.add(node);
            node.forEach(child -> collect(child, containers));
        }
    }
}
