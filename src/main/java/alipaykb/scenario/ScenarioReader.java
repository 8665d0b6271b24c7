package alipaykb.scenario;

import alipaykb.decisions.FundingCode;
import alipaykb.decisions.Likelihood;
import alipaykb.decisions.Outcome;
import alipaykb.decisions.ReasonCode;
import alipaykb.facts.Card;
import alipaykb.facts.Checks;
import alipaykb.facts.InvalidFactException;
import alipaykb.facts.Payment;
import alipaykb.facts.Profile;
import alipaykb.facts.Usage;
import alipaykb.facts.User;
import alipaykb.scenario.Expectation.ExpectedFee;
import alipaykb.scenario.Expectation.ExpectedOption;
import alipaykb.scenario.Expectation.ExpectedVerdict;
import alipaykb.scenario.ScenarioDocument.CardDocument;
import alipaykb.scenario.ScenarioDocument.ExpectDocument;
import alipaykb.scenario.ScenarioDocument.TransactionDocument;
import alipaykb.scenario.ScenarioDocument.UsageDocument;
import alipaykb.scenario.ScenarioDocument.UserDocument;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads scenario files (YAML) and profiles (the same structure, as YAML or JSON) into {@link Scenario}s.
 * Every problem is an {@link InputError} naming the file, the line and what is wrong.
 */
public final class ScenarioReader {
    /** The largest input file read, in bytes. */
    public static final long MAX_FILE_BYTES = 5L * 1024 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    /** JSON lines: exact decimals, no duplicate keys, bounded nesting and sizes. */
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(YamlReader.MAX_DEPTH)
                            .maxNumberLength(40)
                            .maxStringLength(64 * 1024)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private final Clock clock;

    /** A reader whose default evaluation date is today by the given clock. */
    public ScenarioReader(Clock clock) {
        this.clock = clock;
    }

    /** A reader whose default evaluation date is today. */
    public ScenarioReader() {
        this(Clock.systemDefaultZone());
    }

    /** Reads a scenario or profile file. */
    public Scenario read(Path file) throws InputError {
        return read(file, readText(file));
    }

    /** Reads a scenario or profile given as text; {@code file} names it in messages. */
    public Scenario read(Path file, String text) throws InputError {
        LocatedTree tree = YamlReader.read(file, text);
        return convert(file, tree);
    }

    /** Reads one profile given as a line of JSON; {@code line} is its line in the input, for messages. */
    public Scenario readJsonLine(Path file, int line, String text) throws InputError {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InputError(file, line, "not valid JSON: " + firstSentence(e.getOriginalMessage()));
        }
        if (root == null || root.isMissingNode()) {
            throw new InputError(file, line, "the line is empty: expected a profile as a JSON object");
        }
        return convert(file, new LocatedTree(root, Map.of("", line)));
    }

    /** The text of a file, refusing files that are too large, binary, or not UTF-8. */
    static String readText(Path file) throws InputError {
        try {
            if (Files.isDirectory(file)) {
                throw new InputError(file, 0, "is a folder, not a scenario file");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new InputError(file, 0, "the file is " + size / (1024 * 1024) + " MB; a scenario file may be at most "
                        + MAX_FILE_BYTES / (1024 * 1024) + " MB");
            }
            byte[] bytes = Files.readAllBytes(file);
            for (byte b : bytes) {
                if (b == 0) {
                    throw new InputError(file, 0, "a binary file, not a YAML scenario");
                }
            }
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new InputError(file, 0, "not UTF-8 text: a binary file, or saved in another encoding");
            }
        } catch (IOException e) {
            throw new InputError(file, 0, "cannot be read: " + e.getMessage());
        }
    }

    private Scenario convert(Path file, LocatedTree tree) throws InputError {
        if (!tree.root().isObject()) {
            throw new InputError(file, tree.lineOf(""), "expected a mapping of fields (scenario:, user:, cards: ...), found "
                    + describe(tree.root()));
        }
        ScenarioDocument document;
        try {
            document = MAPPER.treeToValue(tree.root(), ScenarioDocument.class);
        } catch (JsonMappingException e) {
            throw bindingError(file, tree, e);
        } catch (JsonProcessingException e) {
            throw new InputError(file, 0, e.getOriginalMessage());
        }
        Converter converter = new Converter(file, tree);
        Profile profile = converter.profile(document);
        Expectation expectation = document.expect() == null ? Expectation.none()
                : converter.expectation(document.expect(), profile);
        String name = document.scenario();
        if (name != null) {
            try {
                Checks.text(name, "scenario");
                Checks.freeText(name, "scenario");
            } catch (InvalidFactException e) {
                throw new InputError(file, tree.lineOf("/scenario"), e.getMessage());
            }
        }
        return new Scenario(file, name == null ? null : name.strip(), profile, expectation);
    }

    private static String describe(JsonNode node) {
        if (node.isArray()) {
            return "a list";
        }
        if (node.isTextual()) {
            return "the text '" + abbreviate(node.asText()) + "'";
        }
        return node.isNull() ? "nothing" : "the value " + abbreviate(node.toString());
    }

    private static String firstSentence(String text) {
        String oneLine = text == null ? "unreadable" : text.replaceAll("\\s+", " ").strip();
        int end = oneLine.indexOf(" at [Source");
        oneLine = end > 0 ? oneLine.substring(0, end) : oneLine;
        return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 157) + "...";
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 37) + "...";
    }

    // --- Errors from Jackson's binding, in the analyst's words ----------------------------------------

    private static InputError bindingError(Path file, LocatedTree tree, JsonMappingException e) {
        String path = pathOf(e);
        String pointer = pointerOf(e);
        int line = tree.lineOf(pointer);
        String where = path.isEmpty() ? "" : path + ": ";
        if (e instanceof UnrecognizedPropertyException unknown) {
            String parent = path.contains(".") ? path.substring(0, path.lastIndexOf('.')) : "";
            String known = unknown.getKnownPropertyIds() == null ? "" : unknown.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            return new InputError(file, line, "unknown field '" + unknown.getPropertyName() + "'"
                    + (parent.isEmpty() ? "" : " in " + parent) + (known.isEmpty() ? "" : " (known fields: " + known + ")"));
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            return new InputError(file, line, where + "unknown code '" + abbreviate(String.valueOf(format.getValue()))
                    + "' (one of " + codes(format.getTargetType()) + ")");
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            Class<?> target = mismatch.getTargetType();
            JsonNode found = tree.root().at(pointer);
            if (target.isEnum()) {
                return new InputError(file, line, where + "expected one of " + codes(target) + ", found "
                        + describe(found));
            }
            return new InputError(file, line, where + "expected " + kind(target) + ", found "
                    + (found.isMissingNode() ? "something else" : describe(found)));
        }
        return new InputError(file, line, where + abbreviate(e.getOriginalMessage()));
    }

    private static String codes(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static String kind(Class<?> type) {
        if (type == BigDecimal.class) {
            return "a number";
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping of fields";
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String pointerOf(JsonMappingException e) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                pointer.append('/').append(reference.getFieldName().replace("~", "~0").replace("/", "~1"));
            } else if (reference.getIndex() >= 0) {
                pointer.append('/').append(reference.getIndex());
            }
        }
        return pointer.toString();
    }

    // --- From the document to facts, with the line of every problem -------------------------------------

    /** Turns a bound document into facts, pointing problems at their lines. */
    private final class Converter {
        private final Path file;
        private final LocatedTree tree;

        Converter(Path file, LocatedTree tree) {
            this.file = file;
            this.tree = tree;
        }

        private InputError error(String path, String problem) {
            return new InputError(file, tree.lineOf(LocatedTree.pointer(path)), path + " " + problem);
        }

        private InputError error(InvalidFactException e) {
            return error(e.field(), e.problem());
        }

        Profile profile(ScenarioDocument document) throws InputError {
            LocalDate asOf = date(document.asOf());
            if (document.user() == null) {
                throw new InputError(file, 1, "user is required: the user's residence at least");
            }
            User user = user(document.user());
            List<Card> cards = new ArrayList<>();
            List<CardDocument> cardDocuments = document.cards() == null ? List.of() : document.cards();
            for (int i = 0; i < cardDocuments.size(); i++) {
                cards.add(card(cardDocuments.get(i), "cards[" + i + "]"));
            }
            Usage usage = usage(document.usage());
            List<Payment> payments = new ArrayList<>();
            List<TransactionDocument> transactionDocuments =
                    document.transactions() == null ? List.of() : document.transactions();
            for (int i = 0; i < transactionDocuments.size(); i++) {
                payments.add(payment(transactionDocuments.get(i), i));
            }
            try {
                return new Profile(asOf, document.fx(), user, cards, usage, payments);
            } catch (InvalidFactException e) {
                throw error(e);
            }
        }

        private LocalDate date(String asOf) throws InputError {
            if (asOf == null) {
                return LocalDate.now(clock);
            }
            try {
                return LocalDate.parse(asOf.strip());
            } catch (DateTimeParseException e) {
                throw error("asOf", "'" + abbreviate(asOf) + "' is not a real date written yyyy-MM-dd"
                        + (e.getMessage().contains("Invalid date") ? " (" + e.getCause().getMessage() + ")" : ""));
            }
        }

        private User user(UserDocument user) throws InputError {
            try {
                return new User(user.residence(), flag(user.inMainlandChina()),
                        user.app() == null ? alipaykb.facts.App.NONE : user.app(),
                        user.verification() == null ? alipaykb.facts.Verification.NONE : user.verification(),
                        flag(user.chinesePhone()), flag(user.chineseBankAccount()), flag(user.chineseContact()),
                        user.documents() == null ? Set.of() : new LinkedHashSet<>(user.documents()),
                        flag(user.idUsedByAnotherAccount()));
            } catch (InvalidFactException e) {
                throw error(e.within("user"));
            } catch (NullPointerException e) {
                throw error("user.documents", "must not hold an empty entry");
            }
        }

        private Card card(CardDocument card, String path) throws InputError {
            if (card == null) {
                throw error(path, "is empty: a card needs at least an id and an issuerCountry");
            }
            try {
                return Card.withNumber(card.id(), card.issuerCountry(), card.network(), card.type(), card.issuer(),
                        flag(card.chinesePartner()), number(card.number(), path));
            } catch (InvalidFactException e) {
                throw error(e.within(path));
            }
        }

        /** The card number as text, whether written as text or as a bare number. */
        private String number(JsonNode number, String path) throws InputError {
            if (number == null || number.isNull()) {
                return null;
            }
            if (number.isTextual()) {
                return number.textValue();
            }
            if (number.isIntegralNumber()) {
                return number.bigIntegerValue().toString();
            }
            throw error(path + ".number", "must be the card number written as text, in quotes");
        }

        private Usage usage(UsageDocument usage) throws InputError {
            if (usage == null) {
                return Usage.none();
            }
            try {
                return new Usage(usage.today(), usage.redEnvelopesToday() == null ? 0 : usage.redEnvelopesToday(),
                        usage.thisMonth(), usage.thisYear(), usage.foreignCardsThisYear(), 1);
            } catch (InvalidFactException e) {
                throw error(e.within("usage"));
            }
        }

        private Payment payment(TransactionDocument transaction, int index) throws InputError {
            String path = "transactions[" + index + "]";
            if (transaction == null) {
                throw error(path, "is empty: a transaction needs an id, kind, amount and via");
            }
            if (transaction.kind() == null) {
                throw error(path + ".kind", "is required (one of " + codes(alipaykb.facts.TransactionKind.class) + ")");
            }
            try {
                return new Payment(transaction.id(), index + 1, transaction.kind(), transaction.amount(),
                        transaction.via());
            } catch (InvalidFactException e) {
                throw error(e.within(path));
            }
        }

        private boolean flag(Boolean value) {
            return value != null && value;
        }

        Expectation expectation(ExpectDocument expect, Profile profile) throws InputError {
            Set<String> ids = profile.transactions().stream().map(Payment::id)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            return new Expectation(
                    funding(expect.funding(), "expect.funding"),
                    funding(expect.fundingIncludes(), "expect.fundingIncludes"),
                    funding(expect.fundingExcludes(), "expect.fundingExcludes"),
                    expect.tier(),
                    verdicts(expect.verdicts(), ids),
                    fees(expect.fees(), ids),
                    expect.advice() == null ? null : codesOf(expect.advice(), "expect.advice"),
                    names(expect.fired(), "expect.fired"),
                    names(expect.notFired(), "expect.notFired"));
        }

        private <E extends Enum<E>> Set<E> codesOf(List<E> codes, String path) throws InputError {
            if (codes.contains(null)) {
                throw error(path, "must not hold an empty entry");
            }
            return codes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(codes));
        }

        private List<String> names(List<String> names, String path) throws InputError {
            if (names == null) {
                return null;
            }
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i) == null || names.get(i).isBlank()) {
                    throw error(path + "[" + i + "]", "must name a rule");
                }
            }
            return List.copyOf(names);
        }

        private List<ExpectedOption> funding(List<String> entries, String field) throws InputError {
            if (entries == null) {
                return null;
            }
            List<ExpectedOption> options = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                String path = field + "[" + i + "]";
                String entry = entries.get(i) == null ? "" : entries.get(i).strip();
                String[] parts = entry.split(":", -1);
                if (parts.length > 2 || entry.isEmpty()) {
                    throw error(path, "'" + abbreviate(entry) + "' is not CODE or CODE:LIKELIHOOD");
                }
                FundingCode code = parse(FundingCode.class, parts[0].strip(), path, "funding code");
                Likelihood likelihood = parts.length == 2 ? parse(Likelihood.class, parts[1].strip(), path, "likelihood") : null;
                options.add(new ExpectedOption(code, likelihood));
            }
            return List.copyOf(options);
        }

        private Map<String, ExpectedVerdict> verdicts(Map<String, String> verdicts, Set<String> ids) throws InputError {
            if (verdicts == null) {
                return null;
            }
            Map<String, ExpectedVerdict> expected = new LinkedHashMap<>();
            for (Map.Entry<String, String> entry : verdicts.entrySet()) {
                String path = "expect.verdicts." + entry.getKey();
                knownTransaction(entry.getKey(), ids, path);
                String text = entry.getValue() == null ? "" : entry.getValue().strip();
                String[] words = text.split("\\s+");
                Outcome outcome = parse(Outcome.class, words[0], path, "verdict (ALLOW or DENY REASON ...)");
                Set<ReasonCode> reasons = EnumSet.noneOf(ReasonCode.class);
                for (int i = 1; i < words.length; i++) {
                    reasons.add(parse(ReasonCode.class, words[i], path, "deny reason"));
                }
                if (outcome == Outcome.ALLOW && !reasons.isEmpty()) {
                    throw error(path, "ALLOW takes no reasons: write ALLOW, or DENY with its reasons");
                }
                expected.put(entry.getKey(), new ExpectedVerdict(outcome, reasons.isEmpty() ? null : Set.copyOf(reasons)));
            }
            return expected;
        }

        private Map<String, ExpectedFee> fees(Map<String, JsonNode> fees, Set<String> ids) throws InputError {
            if (fees == null) {
                return null;
            }
            Map<String, ExpectedFee> expected = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : fees.entrySet()) {
                String path = "expect.fees." + entry.getKey();
                knownTransaction(entry.getKey(), ids, path);
                JsonNode value = entry.getValue();
                ExpectedFee fee;
                if (value != null && value.isNumber()) {
                    fee = new ExpectedFee(value.decimalValue(), value.decimalValue());
                } else if (value != null && value.isTextual()) {
                    fee = feeRange(value.textValue().strip(), path);
                } else {
                    throw error(path, "must be an amount such as 6.03, or a range such as \"5.00-15.00\"");
                }
                expected.put(entry.getKey(), fee);
            }
            return expected;
        }

        private ExpectedFee feeRange(String text, String path) throws InputError {
            String[] parts = text.split("-", -1);
            try {
                if (parts.length == 1) {
                    BigDecimal amount = new BigDecimal(parts[0].strip());
                    return new ExpectedFee(amount, amount);
                }
                if (parts.length == 2) {
                    BigDecimal min = new BigDecimal(parts[0].strip());
                    BigDecimal max = new BigDecimal(parts[1].strip());
                    if (min.compareTo(max) > 0) {
                        throw error(path, "'" + text + "' has its min above its max");
                    }
                    return new ExpectedFee(min, max);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw error(path, "'" + abbreviate(text) + "' is not an amount such as 6.03 or a range such as 5.00-15.00");
        }

        private void knownTransaction(String id, Set<String> ids, String path) throws InputError {
            if (!ids.contains(id)) {
                throw error(path, "names no transaction (transactions: "
                        + (ids.isEmpty() ? "none" : String.join(", ", ids)) + ")");
            }
        }

        private <E extends Enum<E>> E parse(Class<E> type, String code, String path, String what) throws InputError {
            try {
                return Enum.valueOf(type, code);
            } catch (IllegalArgumentException e) {
                throw error(path, "'" + abbreviate(code) + "' is not a " + what + " (one of " + codes(type) + ")");
            }
        }
    }
}
