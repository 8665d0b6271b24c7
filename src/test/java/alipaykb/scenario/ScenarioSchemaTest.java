package alipaykb.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import alipaykb.decisions.AdviceCode;
import alipaykb.decisions.FundingCode;
import alipaykb.decisions.Likelihood;
import alipaykb.decisions.Outcome;
import alipaykb.decisions.ReasonCode;
import alipaykb.decisions.TierCode;
import alipaykb.facts.App;
import alipaykb.facts.CardType;
import alipaykb.facts.Document;
import alipaykb.facts.Network;
import alipaykb.facts.TransactionKind;
import alipaykb.facts.Verification;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The JSON Schema of scenario files, for editors: every file of the suite follows it, its codes are the code's own,
 * it refuses what the reader refuses where a schema can say so, and docs/ holds the copy the jar ships.
 */
class ScenarioSchemaTest {
    private static final String RESOURCE = "/alipaykb/scenario/scenario.schema.json";
    private static final Path SOURCE = Path.of("src/main/resources" + RESOURCE);
    private static final Path DOCS_COPY = Path.of("docs/scenario.schema.json");
    private static final Path SUITE = Path.of("test-scenarios");
    private static final Path BAD_INPUT = Path.of("src/test/resources/bad-input");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A scenario the schema accepts; the refusals below change one thing in it. */
    private static final String VALID = """
            scenario: A US tourist pays 201 CNY with a Visa card
            asOf: 2025-06-01
            user:
              residence: US
            cards:
              - { id: visa, issuerCountry: US, network: VISA, type: CREDIT }
            transactions:
              - { id: t1, kind: QR_PAYMENT, amount: 201, via: visa }
            expect:
              verdicts: { t1: ALLOW }
            """;

    /** Each list of codes in the schema, by its name under $defs, and the type whose constants it must hold. */
    private static final Map<String, Class<? extends Enum<?>>> CODES = Map.ofEntries(
            Map.entry("transactionKind", TransactionKind.class),
            Map.entry("network", Network.class),
            Map.entry("cardType", CardType.class),
            Map.entry("app", App.class),
            Map.entry("verification", Verification.class),
            Map.entry("document", Document.class),
            Map.entry("fundingCode", FundingCode.class),
            Map.entry("likelihood", Likelihood.class),
            Map.entry("tier", TierCode.class),
            Map.entry("outcome", Outcome.class),
            Map.entry("denyReason", ReasonCode.class),
            Map.entry("adviceCode", AdviceCode.class));

    private static SchemaRegistry registry;
    private static JsonNode schemaTree;
    private static Schema schema;

    @BeforeAll
    static void loadTheSchemaTheJarShips() throws IOException {
        registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        try (InputStream in = ScenarioSchemaTest.class.getResourceAsStream(RESOURCE)) {
            assertThat(in).as("%s on the class path", RESOURCE).isNotNull();
            schemaTree = JSON.readTree(in);
        }
        schema = registry.getSchema(schemaTree);
    }

    // --- The suite -----------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> everyFileOfTheSuiteFollowsTheSchema() throws Exception {
        // Given every .yaml and .yml file under test-scenarios/, found as the test command finds them
        List<Path> files = ScenarioSuite.collect(List.of(SUITE));
        assertThat(files).as("scenario files under %s", SUITE).hasSizeGreaterThanOrEqualTo(40);

        // When each is read into a tree as the reader reads it, Then the schema finds nothing wrong
        return files.stream().map(file -> DynamicTest.dynamicTest(file.toString(), file.toUri(),
                () -> assertThat(messages(schema.validate(treeOf(file)))).as("%s", file).isEmpty()));
    }

    @Test
    void theSchemaIsAValidDraft202012Schema() {
        // Given the meta-schema of draft 2020-12, which the library carries
        Schema metaSchema = registry.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));

        // When the schema is checked against it
        List<Error> errors = metaSchema.validate(schemaTree);

        // Then it is a schema of that draft
        assertThat(messages(errors)).isEmpty();
    }

    @Test
    void theDocsCopyIsTheShippedSchemaByteForByte() throws IOException {
        // Given the schema in the jar's resources and the copy in docs/ that editors point at
        byte[] shipped = Files.readAllBytes(SOURCE);
        byte[] docs = Files.readAllBytes(DOCS_COPY);

        // Then they are the same file; when not, copy the resource over docs/scenario.schema.json
        assertThat(new String(docs, StandardCharsets.UTF_8)).isEqualTo(new String(shipped, StandardCharsets.UTF_8));
        assertThat(docs).isEqualTo(shipped);
    }

    // --- Codes ---------------------------------------------------------------------------------------

    @Test
    void everyListOfCodesInTheSchemaIsCheckedAgainstTheCode() {
        // Given every enum anywhere in the schema
        List<String> enums = new ArrayList<>();
        collectEnums(schemaTree, "", enums);

        // Then each is a list of codes under $defs that the test below compares with its Java type
        assertThat(enums).containsExactlyInAnyOrderElementsOf(
                CODES.keySet().stream().map(name -> "/$defs/" + name + "/enum").toList());
    }

    static Stream<Arguments> listsOfCodes() {
        return CODES.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> Arguments.of(entry.getKey(), entry.getValue()));
    }

    @ParameterizedTest(name = "$defs/{0} holds the codes of {1}")
    @MethodSource("listsOfCodes")
    void eachListOfCodesHoldsTheConstantsOfItsType(String name, Class<? extends Enum<?>> type) {
        // Given the list of codes in the schema
        JsonNode codes = schemaTree.at("/$defs/" + name + "/enum");
        assertThat(codes.isArray()).as("$defs/%s/enum is a list", name).isTrue();

        // Then it holds each constant of the type, as the reader reads it (a document as its code), once
        assertThat(texts(codes)).containsExactlyInAnyOrderElementsOf(writtenCodes(type));
    }

    @Test
    void theFundingPatternSpellsEveryFundingCodeAndLikelihood() {
        // Given the pattern of a funding entry, CODE or CODE:LIKELIHOOD, as the codes of today make it
        String expected = "^\\s*(?:" + alternatives(FundingCode.class) + ")(?:\\s*:\\s*(?:"
                + alternatives(Likelihood.class) + "))?\\s*$";

        // Then the schema's pattern is that one
        assertThat(schemaTree.at("/$defs/fundingEntry/pattern").asText()).isEqualTo(expected);
    }

    @Test
    void theVerdictPatternSpellsEveryDenyReason() {
        // Given the pattern of a verdict, ALLOW or DENY with reasons, as the codes of today make it
        String expected = "^\\s*(?:" + Outcome.ALLOW + "|" + Outcome.DENY + "(?:\\s+(?:"
                + alternatives(ReasonCode.class) + "))*)\\s*$";

        // Then the schema's pattern is that one
        assertThat(schemaTree.at("/$defs/verdict/pattern").asText()).isEqualTo(expected);
    }

    // --- What the schema accepts and refuses ---------------------------------------------------------

    @Test
    void theScenarioTheRefusalsStartFromIsValid() throws InputError {
        // Given a plain scenario, When it is checked, Then the schema finds nothing wrong
        assertThat(messages(validate(VALID))).isEmpty();
    }

    @Test
    void anUnknownFieldIsRefused() throws InputError {
        // Given a scenario whose user has a field the format does not have
        String text = VALID.replace("  residence: US\n", "  residence: US\n  nickname: Bob\n");

        // When it is checked
        List<Error> errors = validate(text);

        // Then the schema refuses it there, as the reader does
        assertThat(where(errors)).containsExactly("additionalProperties at /user");
        assertReaderRefuses(text, "unknown field 'nickname'");
    }

    @Test
    void anUnknownCodeIsRefused() throws InputError {
        // Given a card whose network is no network
        String text = VALID.replace("network: VISA", "network: VISAA");

        // When it is checked
        List<Error> errors = validate(text);

        // Then the schema refuses it there, as the reader does
        assertThat(where(errors)).containsExactly("enum at /cards/0/network");
        assertReaderRefuses(text, "unknown code 'VISAA'");
    }

    @Test
    void aDenyReasonThatIsNoReasonIsRefused() throws InputError {
        // Given a verdict that denies for a reason the policy does not have
        String text = VALID.replace("t1: ALLOW", "t1: DENY DAILY_LIMIT TOO_EXPENSIVE");

        // When it is checked
        List<Error> errors = validate(text);

        // Then the schema refuses it there, as the reader does
        assertThat(where(errors)).containsExactly("pattern at /expect/verdicts/t1");
        assertReaderRefuses(text, "'TOO_EXPENSIVE' is not a deny reason");
    }

    @Test
    void aDateNotWrittenYyyyMmDdIsRefused() throws InputError {
        // Given an evaluation date written without its leading zeros
        String text = VALID.replace("asOf: 2025-06-01", "asOf: 2025-6-1");

        // When it is checked
        List<Error> errors = validate(text);

        // Then the schema refuses it there, as the reader does
        assertThat(where(errors)).containsExactly("pattern at /asOf");
        assertReaderRefuses(text, "asOf '2025-6-1' is not a real date written yyyy-MM-dd");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"+999999999-12-31", "-999999999-01-01", "+2025-06-01",
        "20250-06-01"})
    void aDateWithAYearOfOtherThanFourDigitsIsRefused(String date) throws InputError {
        // Given an evaluation date whose year is signed or longer than four digits, which Java's date parser takes
        String text = VALID.replace("asOf: 2025-06-01", "asOf: \"" + date + "\"");

        // When it is checked, Then the schema and the reader refuse it
        assertThat(where(validate(text))).containsExactly("pattern at /asOf");
        assertReaderRefuses(text, alipaykb.facts.SafeText.of("asOf '" + date + "' is not a real date written yyyy-MM-dd"));
    }

    @Test
    void anAmountInQuotesIsRefused() throws InputError {
        // Given an amount written as text
        String text = VALID.replace("amount: 201", "amount: \"201\"");

        // When it is checked
        List<Error> errors = validate(text);

        // Then the schema refuses it there, as the reader does: an amount is a number
        assertThat(where(errors)).containsExactly("type at /transactions/0/amount");
        assertReaderRefuses(text, "transactions[0].amount: expected a number, found the text '201'");
    }

    @Test
    void anAmountWithThreeDecimalsIsRefused() throws InputError {
        // Given an amount of a tenth of a fen
        String text = VALID.replace("amount: 201", "amount: 201.005");

        // When it is checked
        List<Error> errors = validate(text);

        // Then the schema refuses it there, as the reader does
        assertThat(where(errors)).containsExactly("multipleOf at /transactions/0/amount");
        assertReaderRefuses(text, "has more than two decimal places");
    }

    @Test
    void residenceNoUnquotedIsNorwayForTheReaderAndTheSchema() throws InputError {
        // Given a user living in Norway, the code written without quotes
        String text = VALID.replace("residence: US", "residence: NO");

        // When the file is read as the reader reads it (only true and false are booleans)
        JsonNode residence = tree(text).at("/user/residence");

        // Then the country is the text NO, and the schema accepts it
        assertThat(residence.isTextual()).as("residence read as %s", residence.getNodeType()).isTrue();
        assertThat(residence.textValue()).isEqualTo("NO");
        assertThat(messages(schema.validate(tree(text)))).isEmpty();
    }

    @Test
    void aCountryReadAsABooleanIsRefused() {
        // Given the same file read by a YAML 1.1 parser, which makes false of an unquoted NO (and, left out here,
        // a timestamp of an unquoted date)
        String text = VALID.replace("residence: US", "residence: NO").replace("asOf: 2025-06-01\n", "");
        JsonNode yaml11 = JSON.valueToTree(new Yaml().load(text));
        assertThat(yaml11.at("/user/residence").isBoolean()).as("YAML 1.1 reads NO as false").isTrue();

        // When that tree is checked
        List<Error> errors = schema.validate(yaml11);

        // Then the schema refuses it: a country is text of two uppercase letters
        assertThat(where(errors)).containsExactly("type at /user/residence");
    }

    @ParameterizedTest
    @ValueSource(strings = {"us", "USA", "U1"})
    void aCountryNotOfTwoUppercaseLettersIsRefused(String country) throws InputError {
        // Given a card issued in a country written otherwise than as two uppercase letters
        String text = VALID.replace("issuerCountry: US", "issuerCountry: " + country);

        // When it is checked, Then the schema refuses it there
        assertThat(where(validate(text))).containsExactly("pattern at /cards/0/issuerCountry");
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing-residence.yaml", "missing-transaction-id.yaml", "negative-amount.yaml",
            "not-a-map.yaml", "three-decimals.yaml", "unknown-code.yaml", "unknown-field.yaml", "zero-amount.yaml"})
    void theBadInputsASchemaCanJudgeAreRefused(String name) throws InputError {
        // Given a file the reader refuses for something a schema can say (the others need the whole file or
        // a computation: duplicate ids, a via naming no card, the Luhn check, 30 February, broken YAML)
        Path file = BAD_INPUT.resolve(name);

        // When it is checked, Then the schema refuses it too
        assertThat(schema.validate(treeOf(file))).as("%s", file).isNotEmpty();
    }

    // --- Helpers -------------------------------------------------------------------------------------

    /** The tree of a file, as the reader builds it before binding it. */
    private static JsonNode treeOf(Path file) throws InputError {
        return YamlReader.read(file, ScenarioReader.readText(file)).root();
    }

    private static JsonNode tree(String text) throws InputError {
        return YamlReader.read(Path.of("scenario.yaml"), text).root();
    }

    private static List<Error> validate(String text) throws InputError {
        return schema.validate(tree(text));
    }

    private static void assertReaderRefuses(String text, String problem) {
        assertThatThrownBy(() -> new ScenarioReader().read(Path.of("scenario.yaml"), text))
                .isInstanceOf(InputError.class).hasMessageContaining(problem);
    }

    /** Each error as its keyword and the JSON pointer of the value: "enum at /cards/0/network". */
    private static List<String> where(List<Error> errors) {
        return errors.stream().map(error -> error.getKeyword() + " at " + error.getInstanceLocation()).toList();
    }

    private static List<String> messages(List<Error> errors) {
        return errors.stream().map(Error::toString).toList();
    }

    private static void collectEnums(JsonNode node, String pointer, List<String> found) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                String child = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
                if (field.getKey().equals("enum")) {
                    found.add(child);
                }
                collectEnums(field.getValue(), child, found);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectEnums(node.get(i), pointer + "/" + i, found);
            }
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    /** The codes of a type as a scenario file writes them: its constants as Jackson reads them. */
    private static List<String> writtenCodes(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(constant -> JSON.valueToTree(constant).asText()).toList();
    }

    private static String alternatives(Class<? extends Enum<?>> type) {
        return writtenCodes(type).stream().collect(Collectors.joining("|"));
    }
}
