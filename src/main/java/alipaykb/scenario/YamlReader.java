package alipaykb.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads YAML into a {@link LocatedTree}. Numbers stay exact decimals; dates stay text for strict
 * parsing later; duplicate keys are errors; aliases, nesting and size are bounded.
 */
final class YamlReader {
    /** The deepest nesting a scenario may have; the format needs four levels. */
    static final int MAX_DEPTH = 20;
    /** How many aliases of collections a document may use. */
    static final int MAX_ALIASES = 20;
    /** How many values a document may hold once aliases are expanded. */
    static final int MAX_VALUES = 100_000;
    /** The most characters of text a file may hold, counting each alias's text again: as much as a file may be. */
    static final long MAX_TEXT_CHARACTERS = ScenarioReader.MAX_FILE_BYTES;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Path file;
    private final Map<String, Integer> lines = new HashMap<>();
    private int values;
    private long textCharacters;

    private YamlReader(Path file) {
        this.file = file;
    }

    /** Parses one YAML document. */
    static LocatedTree read(Path file, String text) throws InputError {
        Node root = compose(file, text);
        YamlReader reader = new YamlReader(file);
        JsonNode tree = reader.convert(root, "", 0);
        return new LocatedTree(tree, Map.copyOf(reader.lines));
    }

    /**
     * Parses one YAML document into SnakeYAML's nodes, each with the marks of where it starts and ends (in code
     * points from the start of the text), with the same limits as {@link #read}.
     */
    static Node compose(Path file, String text) throws InputError {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH + 5);
        options.setCodePointLimit(Math.max(text.length() + 1, 1024));
        options.setAllowRecursiveKeys(false);
        Node root;
        try {
            Composer composer = new Composer(new CountingParser(new ParserImpl(new StreamReader(text), options)),
                    new Resolver(), options);
            root = composer.getSingleNode();
        } catch (TooManyValues e) {
            throw new InputError(file, e.line, "too many values (at most " + MAX_VALUES + ", counting aliases)");
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            throw new InputError(file, mark == null ? 0 : mark.getLine() + 1, "not valid YAML: " + clean(problem));
        } catch (ReaderException e) {
            throw new InputError(file, lineAt(text, e.getPosition()), String.format(
                    "holds the character U+%04X, which YAML does not allow; remove it", e.getCodePoint()));
        } catch (YAMLException e) {
            String message = clean(e.getMessage());
            if (message.startsWith("Number of aliases")) {
                throw new InputError(file, 0, "too many aliases (*name) of lists or mappings: at most " + MAX_ALIASES
                        + "; a file that multiplies itself through aliases is refused");
            }
            if (message.startsWith("Nesting Depth exceeded")) {
                throw new InputError(file, 0, "nested too deeply (at most " + MAX_DEPTH + " levels)");
            }
            throw new InputError(file, 0, "not valid YAML: " + message);
        } catch (StackOverflowError e) {
            throw new InputError(file, 0, "nested too deeply (at most " + MAX_DEPTH + " levels)");
        }
        if (root == null) {
            throw new InputError(file, 1, "the file is empty: expected a mapping of fields such as 'user:'");
        }
        return root;
    }

    /**
     * The parser as the composer reads it, counting the document's values one event at a time: a file of millions
     * of tiny values is refused at the first value past the limit, before its tree takes the memory. (An alias
     * counts once here; {@link #convert} counts what it stands for again.)
     */
    private static final class CountingParser implements Parser {
        private final Parser parser;
        private int count;

        CountingParser(Parser parser) {
            this.parser = parser;
        }

        @Override
        public boolean checkEvent(Event.ID choice) {
            return parser.checkEvent(choice);
        }

        @Override
        public Event peekEvent() {
            return parser.peekEvent();
        }

        @Override
        public Event getEvent() {
            Event event = parser.getEvent();
            if ((event instanceof ScalarEvent || event instanceof CollectionStartEvent || event instanceof AliasEvent)
                    && ++count > MAX_VALUES) {
                Mark mark = event.getStartMark();
                throw new TooManyValues(mark == null ? 0 : mark.getLine() + 1);
            }
            return event;
        }
    }

    /** The document holds more values than {@link #MAX_VALUES}; the line of the first one past it. */
    private static final class TooManyValues extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int line;

        TooManyValues(int line) {
            super(null, null, false, false);
            this.line = line;
        }
    }

    private static int lineAt(String text, int position) {
        int line = 1;
        for (int i = 0; i < position && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String clean(String message) {
        return message == null ? "unreadable" : message.strip().replaceAll("\\s+", " ");
    }

    private JsonNode convert(Node node, String pointer, int depth) throws InputError {
        int line = node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
        lines.putIfAbsent(pointer, line);
        if (depth > MAX_DEPTH) {
            throw new InputError(file, line, "nested too deeply (at most " + MAX_DEPTH + " levels)");
        }
        if (++values > MAX_VALUES) {
            throw new InputError(file, line, "too many values (at most " + MAX_VALUES + ", counting aliases)");
        }
        if (node instanceof MappingNode mapping) {
            ObjectNode object = NODES.objectNode();
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                    throw new InputError(file, tuple.getKeyNode().getStartMark().getLine() + 1,
                            "a key must be a plain name");
                }
                String name = key.getValue();
                if (object.has(name)) {
                    throw new InputError(file, key.getStartMark().getLine() + 1,
                            "the key '" + name + "' appears twice here");
                }
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                lines.put(child, key.getStartMark().getLine() + 1);
                object.set(name, convert(tuple.getValueNode(), child, depth + 1));
            }
            return object;
        }
        if (node instanceof SequenceNode sequence) {
            ArrayNode array = NODES.arrayNode();
            int index = 0;
            for (Node item : sequence.getValue()) {
                array.add(convert(item, pointer + "/" + index++, depth + 1));
            }
            return array;
        }
        return scalar((ScalarNode) node, pointer, line);
    }

    private JsonNode scalar(ScalarNode scalar, String pointer, int line) throws InputError {
        String value = scalar.getValue();
        Tag tag = scalar.getTag();
        textCharacters += value.length();
        if (textCharacters > MAX_TEXT_CHARACTERS) {
            throw new InputError(file, line, "the file's text, counting what aliases (*name) repeat, is more than "
                    + MAX_TEXT_CHARACTERS / (1024 * 1024) + " MB; a file that multiplies itself through aliases is "
                    + "refused");
        }
        if (!tag.startsWith(Tag.PREFIX)) {
            throw new InputError(file, line, NumberText.field(pointer) + " has the tag " + tag.getValue()
                    + ", which scenario files do not use; remove it");
        }
        // A card number may be written as a bare number; it is text, read by the card's own rules.
        if ((Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) && !pointer.endsWith("/number")) {
            String problem = NumberText.problem(value);
            if (problem != null) {
                throw new InputError(file, line, NumberText.field(pointer) + " " + problem);
            }
        }
        if (Tag.NULL.equals(tag)) {
            return NODES.nullNode();
        }
        if (Tag.BOOL.equals(tag)) {
            // Only true and false are booleans: NO is Norway, and yes, on or y are text, refused where a
            // boolean is expected.
            String word = value.toLowerCase(Locale.ROOT);
            return word.equals("true") || word.equals("false") ? NODES.booleanNode(word.equals("true"))
                    : NODES.textNode(value);
        }
        if (Tag.INT.equals(tag)) {
            try {
                return NODES.numberNode(new BigInteger(value.replace("_", "")));
            } catch (NumberFormatException e) {
                return NODES.textNode(value);
            }
        }
        if (Tag.FLOAT.equals(tag)) {
            try {
                return DecimalNode.valueOf(new BigDecimal(value.replace("_", "")));
            } catch (NumberFormatException e) {
                return NODES.textNode(value);
            }
        }
        return NODES.textNode(value);
    }
}
