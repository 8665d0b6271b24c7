package alipaykb.scenario;

import alipaykb.facts.Checks;
import alipaykb.facts.InvalidFactException;
import alipaykb.facts.Profile;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
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
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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
                            .maxNumberLength(1000)
                            .maxStringLength(64 * 1024)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /**
     * The longest line bound as it is parsed. The parser reads a longer one in pieces, into buffers it keeps from
     * one line to the next, and a few of its messages (a field name too long) count the characters it had read
     * when it stopped, which depends on those buffers: such a line is parsed once, as a tree, as it always was.
     */
    private static final int STREAMED_CHARS = 32 * 1024;

    private final Clock clock;

    /** A reader whose default evaluation date is today by the given clock. */
    public ScenarioReader(Clock clock) {
        this.clock = clock;
    }

    /** A reader whose default evaluation date is today. */
    public ScenarioReader() {
        this(Clock.systemDefaultZone());
    }

    /** Today, by this reader's clock: the evaluation date of a scenario that gives none. */
    java.time.LocalDate today() {
        return java.time.LocalDate.now(clock);
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

    /**
     * Reads one profile given as a line of JSON; {@code line} is its line in the input, for messages. A line that
     * holds nothing unusual is bound as it is parsed ({@link JsonLineBinder}); any other is read as a tree, whose
     * checks give every error: both give the same document for a line, and the same checks then make it facts.
     */
    public Scenario readJsonLine(Path file, int line, String text) throws InputError {
        if (text.length() > STREAMED_CHARS) {
            return readJsonTree(file, line, text);
        }
        ScenarioDocument document;
        try (JsonParser parser = jsonParser(text)) {
            document = JsonLineBinder.bind(parser);
        } catch (JsonLineBinder.Unusual | IOException e) {
            return readJsonTree(file, line, text);
        }
        return scenario(file, new LocatedTree(MissingNode.getInstance(), Map.of("", line)), document);
    }

    /** Reads a line of JSON as a tree first, then binds it: every problem of the line is found and named here. */
    Scenario readJsonTree(Path file, int line, String text) throws InputError {
        JsonNode root;
        try (JsonParser parser = jsonParser(text)) {
            root = JSON.readTree(parser);
        } catch (PlainNumbers.Refused e) {
            throw new InputError(file, line, e.problem);
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            if (message.startsWith("Trailing token")) {
                throw new InputError(file, line, "not valid JSON: more follows the profile's JSON object; a line holds "
                        + "one object and nothing after it");
            }
            throw new InputError(file, line, "not valid JSON: " + firstSentence(message));
        } catch (IOException e) {
            throw new InputError(file, line, "cannot be read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new InputError(file, line, "the line is empty: expected a profile as a JSON object");
        }
        return convert(file, new LocatedTree(root, Map.of("", line)));
    }

    /** A parser of a JSON line: exact decimals, no duplicate keys, bounded sizes, and numbers judged on their text. */
    static JsonParser jsonParser(String text) throws IOException {
        return new PlainNumbers(JSON.getFactory().createParser(text));
    }

    /** The binder of documents, for {@link JsonLineBinder} to learn how it spells codes. */
    static ObjectMapper binder() {
        return MAPPER;
    }

    /**
     * The parser of a JSON line, judging each number on its text as the parser meets it, before anything reads its
     * value: an exponent or too many digits is refused (a card's {@code number} is text, read by its own rules).
     */
    private static final class PlainNumbers extends JsonParserDelegate {
        /** A number refused, with the field and the problem. */
        static final class Refused extends JsonProcessingException {
            private static final long serialVersionUID = 1L;
            final String problem;

            Refused(String problem) {
                super(problem);
                this.problem = problem;
            }
        }

        PlainNumbers(JsonParser parser) {
            super(parser);
        }

        @Override
        public JsonToken nextToken() throws IOException {
            return judged(super.nextToken());
        }

        @Override
        public JsonToken nextValue() throws IOException {
            return judged(super.nextValue());
        }

        private JsonToken judged(JsonToken token) throws IOException {
            if ((token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT)
                    && !"number".equals(currentName())) {
                String problem = NumberText.problem(getText());
                if (problem != null) {
                    throw new Refused(NumberText.field(getParsingContext().pathAsPointer().toString()) + " " + problem);
                }
            }
            return token;
        }
    }

    /** The text of a file, refusing files that are too large, binary, or not UTF-8. */
    static String readText(Path file) throws InputError {
        try {
            if (Files.isDirectory(file)) {
                throw new InputError(file, 0, "is a folder, not a scenario file");
            }
            long size = Files.isRegularFile(file) ? Files.size(file) : 0;
            if (size > MAX_FILE_BYTES) {
                throw new InputError(file, 0, "the file is " + size / (1024 * 1024) + " MB; a scenario file may be at most "
                        + MAX_FILE_BYTES / (1024 * 1024) + " MB");
            }
            // A device or a pipe tells no size: at most the limit and one byte more is read, whatever it is.
            byte[] bytes;
            try (java.io.InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            }
            if (bytes.length > MAX_FILE_BYTES) {
                throw new InputError(file, 0, "the file is more than " + MAX_FILE_BYTES / (1024 * 1024)
                        + " MB; a scenario file may be at most " + MAX_FILE_BYTES / (1024 * 1024) + " MB");
            }
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
        noEmptyValues(file, tree, tree.root(), "");
        ScenarioDocument document;
        try {
            document = MAPPER.treeToValue(tree.root(), ScenarioDocument.class);
        } catch (JsonMappingException e) {
            throw bindingError(file, tree, e);
        } catch (JsonProcessingException e) {
            throw new InputError(file, 0, e.getOriginalMessage());
        }
        return scenario(file, tree, document);
    }

    /** A bound document made facts, and its expectation; {@code tree} gives the lines of problems. */
    private Scenario scenario(Path file, LocatedTree tree, ScenarioDocument document) throws InputError {
        DocumentConverter converter = new DocumentConverter(file, tree, clock);
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

    /**
     * Refuses a field written with no value ({@code app:}, {@code "app": null}): a field is given a value or left
     * out, never left to mean the default by accident.
     */
    private static void noEmptyValues(Path file, LocatedTree tree, JsonNode node, String pointer) throws InputError {
        if (node.isNull()) {
            throw new InputError(file, tree.lineOf(pointer), NumberText.field(pointer) + " is empty: give it a value, "
                    + "or leave the field out");
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                noEmptyValues(file, tree, field.getValue(), pointer + "/" + field.getKey().replace("~", "~0")
                        .replace("/", "~1"));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                noEmptyValues(file, tree, node.get(i), pointer + "/" + i);
            }
        }
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
        // The parser's own names (`StreamReadConstraints...`, `com.fasterxml...`) mean nothing to a reader.
        if (oneLine.startsWith("Document nesting depth")) {
            return "nested too deeply (at most " + YamlReader.MAX_DEPTH + " levels)";
        }
        oneLine = oneLine.replaceAll(" ?\\([^()`]*`[^`]*`[^()]*\\)", "")
                .replaceAll(":? ?not allowed as per `[^`]*`", "")
                .replaceAll(":? ?enable `[^`]*` to allow", "")
                .replaceAll(" ?\\(not recognized as one since Feature [^)]*\\)", "")
                .replaceAll(" ?\\(code [0-9]+( / 0x[0-9a-fA-F]+)?\\)", "")
                .replaceAll(" ?\\(JSON String, Number, Array, Object or token 'null', 'true' or 'false'\\)", "");
        int end = oneLine.indexOf(" at [Source");
        oneLine = end > 0 ? oneLine.substring(0, end) : oneLine;
        return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 157) + "...";
    }

    /** A value as messages quote it: one line, at most 40 characters. */
    static String abbreviate(String text) {
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
            // The path up to the field's holder, from Jackson's references: a key may itself hold dots.
            String parent = pathOf(e.getPath().subList(0, Math.max(e.getPath().size() - 1, 0)));
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

    /** The codes of an enum type, for messages. */
    static String codes(Class<?> enumType) {
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
        return pathOf(e.getPath());
    }

    private static String pathOf(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
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
}
