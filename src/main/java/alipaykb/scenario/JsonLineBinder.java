package alipaykb.scenario;

import alipaykb.facts.App;
import alipaykb.facts.CardType;
import alipaykb.facts.Document;
import alipaykb.facts.Network;
import alipaykb.facts.TransactionKind;
import alipaykb.facts.Verification;
import alipaykb.scenario.ScenarioDocument.CardDocument;
import alipaykb.scenario.ScenarioDocument.TransactionDocument;
import alipaykb.scenario.ScenarioDocument.UsageDocument;
import alipaykb.scenario.ScenarioDocument.UserDocument;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Binds a JSON line to its {@link ScenarioDocument} token by token, as the parser reads it, without a tree: for the
 * lines that hold nothing unusual, which is nearly all of them. A line is unusual as soon as it holds anything but
 * the fields of the format with values of their own type: a field the format does not know, a null, a value of
 * another type, a code spelt otherwise than the binder spells it, an {@code expect} part, a card number written
 * as a bare number, or JSON the parser refuses. Then this reader gives up ({@link Unusual}) and the line is read
 * again by the tree reader, whose checks and messages are the only ones; so an unusual line gets exactly the
 * error, or the profile, it always got. A usual line gets the very document the tree reader would have bound,
 * which the same {@link DocumentConverter} then checks and turns into facts.
 */
final class JsonLineBinder {
    /** The line is not one this reader binds: the tree reader must read it. */
    static final class Unusual extends Exception {
        private static final long serialVersionUID = 1L;

        private Unusual() {
            super("unusual JSON line", null, false, false);
        }
    }

    private static final Unusual UNUSUAL = new Unusual();

    /** The binder of the tree reader, asked once how it spells each code. */
    private static final ObjectMapper BINDER = ScenarioReader.binder();

    private static final Map<String, App> APPS = codes(App.class);
    private static final Map<String, Verification> VERIFICATIONS = codes(Verification.class);
    private static final Map<String, Network> NETWORKS = codes(Network.class);
    private static final Map<String, CardType> CARD_TYPES = codes(CardType.class);
    private static final Map<String, TransactionKind> KINDS = codes(TransactionKind.class);
    private static final Map<String, Document> DOCUMENTS = codes(Document.class);
    private static final Map<String, TransactionKind> KIND_KEYS = keys(TransactionKind.class);

    private final JsonParser parser;

    private JsonLineBinder(JsonParser parser) {
        this.parser = parser;
    }

    /**
     * The document of a line read by {@code parser} (which judges numbers and limits as the tree reader's does).
     *
     * @throws Unusual when the line must be read by the tree reader
     */
    static ScenarioDocument bind(JsonParser parser) throws Unusual {
        try {
            JsonLineBinder binder = new JsonLineBinder(parser);
            binder.expect(JsonToken.START_OBJECT);
            ScenarioDocument document = binder.document();
            if (parser.nextToken() != null) {
                throw UNUSUAL;
            }
            return document;
        } catch (IOException | RuntimeException e) {
            // Bad JSON, a refused number, a number out of range: the tree reader says what is wrong.
            throw UNUSUAL;
        }
    }

    private ScenarioDocument document() throws IOException, Unusual {
        String scenario = null;
        String asOf = null;
        Map<String, BigDecimal> fx = null;
        UserDocument user = null;
        List<CardDocument> cards = null;
        UsageDocument usage = null;
        List<TransactionDocument> transactions = null;
        String field;
        while ((field = field()) != null) {
            switch (field) {
                case "scenario" -> scenario = text();
                case "asOf" -> asOf = text();
                case "fx" -> fx = map(currency -> currency);
                case "user" -> user = user();
                case "cards" -> cards = list(this::card);
                case "usage" -> usage = usage();
                case "transactions" -> transactions = list(this::transaction);
                default -> throw UNUSUAL;
            }
        }
        return new ScenarioDocument(scenario, asOf, fx, user, cards, usage, transactions, null);
    }

    private UserDocument user() throws IOException, Unusual {
        expect(JsonToken.START_OBJECT);
        String residence = null;
        Boolean inMainlandChina = null;
        App app = null;
        Verification verification = null;
        Boolean chinesePhone = null;
        Boolean chineseBankAccount = null;
        Boolean chineseContact = null;
        List<Document> documents = null;
        Boolean idUsedByAnotherAccount = null;
        String field;
        while ((field = field()) != null) {
            switch (field) {
                case "residence" -> residence = text();
                case "inMainlandChina" -> inMainlandChina = flag();
                case "app" -> app = code(APPS);
                case "verification" -> verification = code(VERIFICATIONS);
                case "chinesePhone" -> chinesePhone = flag();
                case "chineseBankAccount" -> chineseBankAccount = flag();
                case "chineseContact" -> chineseContact = flag();
                case "documents" -> documents = list(token -> code(token, DOCUMENTS));
                case "idUsedByAnotherAccount" -> idUsedByAnotherAccount = flag();
                default -> throw UNUSUAL;
            }
        }
        return new UserDocument(residence, inMainlandChina, app, verification, chinesePhone, chineseBankAccount,
                chineseContact, documents, idUsedByAnotherAccount);
    }

    private CardDocument card(JsonToken first) throws IOException, Unusual {
        object(first);
        String id = null;
        String issuerCountry = null;
        Network network = null;
        CardType type = null;
        String issuer = null;
        Boolean chinesePartner = null;
        JsonNode number = null;
        String field;
        while ((field = field()) != null) {
            switch (field) {
                case "id" -> id = text();
                case "issuerCountry" -> issuerCountry = text();
                case "network" -> network = code(NETWORKS);
                case "type" -> type = code(CARD_TYPES);
                case "issuer" -> issuer = text();
                case "chinesePartner" -> chinesePartner = flag();
                // Only as text: a bare number is the tree reader's to judge.
                case "number" -> number = TextNode.valueOf(text());
                default -> throw UNUSUAL;
            }
        }
        return new CardDocument(id, issuerCountry, network, type, issuer, chinesePartner, number);
    }

    private UsageDocument usage() throws IOException, Unusual {
        expect(JsonToken.START_OBJECT);
        Map<TransactionKind, BigDecimal> today = null;
        Integer redEnvelopesToday = null;
        BigDecimal thisMonth = null;
        BigDecimal thisYear = null;
        BigDecimal foreignCardsThisYear = null;
        String field;
        while ((field = field()) != null) {
            switch (field) {
                case "today" -> today = map(KIND_KEYS::get);
                case "redEnvelopesToday" -> redEnvelopesToday = count();
                case "thisMonth" -> thisMonth = decimal();
                case "thisYear" -> thisYear = decimal();
                case "foreignCardsThisYear" -> foreignCardsThisYear = decimal();
                default -> throw UNUSUAL;
            }
        }
        return new UsageDocument(today, redEnvelopesToday, thisMonth, thisYear, foreignCardsThisYear);
    }

    private TransactionDocument transaction(JsonToken first) throws IOException, Unusual {
        object(first);
        String id = null;
        TransactionKind kind = null;
        BigDecimal amount = null;
        String via = null;
        String field;
        while ((field = field()) != null) {
            switch (field) {
                case "id" -> id = text();
                case "kind" -> kind = code(KINDS);
                case "amount" -> amount = decimal();
                case "via" -> via = text();
                default -> throw UNUSUAL;
            }
        }
        return new TransactionDocument(id, kind, amount, via);
    }

    // --- Values -----------------------------------------------------------------------------------------

    /** Reads a value that begins with the token given. */
    @FunctionalInterface
    private interface Element<T> {
        T read(JsonToken first) throws IOException, Unusual;
    }

    private <T> List<T> list(Element<T> element) throws IOException, Unusual {
        expect(JsonToken.START_ARRAY);
        List<T> list = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            list.add(element.read(token));
        }
        return list;
    }

    /**
     * Numbers by name, in the order written (the facts judge them in that order); {@code key} gives the key of a
     * name, or null when the name is none.
     */
    private <K> Map<K, BigDecimal> map(Function<String, K> key) throws IOException, Unusual {
        expect(JsonToken.START_OBJECT);
        Map<K, BigDecimal> map = new LinkedHashMap<>();
        String field;
        while ((field = field()) != null) {
            K name = key.apply(field);
            if (name == null) {
                throw UNUSUAL;
            }
            map.put(name, decimal());
        }
        return map;
    }

    private static void object(JsonToken first) throws Unusual {
        if (first != JsonToken.START_OBJECT) {
            throw UNUSUAL;
        }
    }

    private void expect(JsonToken token) throws IOException, Unusual {
        if (parser.nextToken() != token) {
            throw UNUSUAL;
        }
    }

    /** The next field's name, or null at the end of the object. */
    private String field() throws IOException, Unusual {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.FIELD_NAME) {
            return parser.currentName();
        }
        if (token == JsonToken.END_OBJECT) {
            return null;
        }
        throw UNUSUAL;
    }

    private String text() throws IOException, Unusual {
        if (parser.nextToken() != JsonToken.VALUE_STRING) {
            throw UNUSUAL;
        }
        return parser.getText();
    }

    private Boolean flag() throws IOException, Unusual {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.VALUE_TRUE) {
            return Boolean.TRUE;
        }
        if (token == JsonToken.VALUE_FALSE) {
            return Boolean.FALSE;
        }
        throw UNUSUAL;
    }

    /** A whole number that fits an int, as the binder reads one. */
    private Integer count() throws IOException, Unusual {
        if (parser.nextToken() != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT) {
            throw UNUSUAL;
        }
        return parser.getIntValue();
    }

    /** A number, whole or not, exactly as written (the parser has judged its digits already). */
    private BigDecimal decimal() throws IOException, Unusual {
        JsonToken token = parser.nextToken();
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw UNUSUAL;
        }
        return parser.getDecimalValue();
    }

    private <E extends Enum<E>> E code(Map<String, E> codes) throws IOException, Unusual {
        return code(parser.nextToken(), codes);
    }

    private <E extends Enum<E>> E code(JsonToken token, Map<String, E> codes) throws IOException, Unusual {
        if (token != JsonToken.VALUE_STRING) {
            throw UNUSUAL;
        }
        E code = codes.get(parser.getText());
        if (code == null) {
            throw UNUSUAL;
        }
        return code;
    }

    // --- Codes, as the binder spells them ---------------------------------------------------------------

    /**
     * The codes of an enum as values, each as the binder writes it and reads it back: only a spelling the binder
     * itself turns into that constant is taken here.
     */
    private static <E extends Enum<E>> Map<String, E> codes(Class<E> type) {
        Map<String, E> codes = new HashMap<>();
        for (E constant : type.getEnumConstants()) {
            String code = BINDER.convertValue(constant, String.class);
            if (code != null && BINDER.convertValue(code, type) == constant) {
                codes.put(code, constant);
            }
        }
        return Map.copyOf(codes);
    }

    /** Likewise, the codes of an enum as the keys of a mapping. */
    private static <E extends Enum<E>> Map<String, E> keys(Class<E> type) {
        Map<String, E> keys = new HashMap<>();
        for (Map.Entry<String, E> code : codes(type).entrySet()) {
            Map<E, Integer> read = BINDER.convertValue(Map.of(code.getKey(), 0), BINDER.getTypeFactory()
                    .constructMapType(Map.class, type, Integer.class));
            if (read.size() == 1 && read.containsKey(code.getValue())) {
                keys.put(code.getKey(), code.getValue());
            }
        }
        return Map.copyOf(keys);
    }
}
