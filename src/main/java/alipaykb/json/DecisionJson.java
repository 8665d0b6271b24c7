package alipaykb.json;

import alipaykb.decisions.Decision;
import alipaykb.decisions.FundingOption;
import alipaykb.decisions.Limit;
import alipaykb.decisions.TransactionResult;
import alipaykb.facts.Profile;
import alipaykb.facts.SafeText;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON of decisions and profiles, exactly as the command line writes and reads it ({@code advise --json},
 * {@code batch}), for a service that speaks the same format: dates as yyyy-MM-dd, amounts as plain decimals
 * (money with two decimals), card numbers never, and every text through the same output filter as the
 * command line's. Thread-safe; nothing here is configurable, so that every writer agrees.
 */
public final class DecisionJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .addMixIn(FundingOption.class, FundingOptionNames.class)
            .addMixIn(TransactionResult.class, TransactionResultMoney.class)
            .addModule(new SimpleModule("safe-text")
                    .addSerializer(String.class, new SafeString())
                    .addKeySerializer(String.class, new SafeKey())
                    .addSerializer(BigDecimal.class, new Decimal())
                    .addSerializer(Limit.class, new LimitJson()))
            .build();

    /** One JSON value on one line, for a record of a batch. */
    private static final ObjectWriter LINE = MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectWriter LINE_WITHOUT_FIRED_RULES = MAPPER.copy()
            .addMixIn(Decision.class, WithoutFiredRules.class).writer().without(SerializationFeature.INDENT_OUTPUT);
    private static final alipaykb.scenario.ScenarioReader READER = new alipaykb.scenario.ScenarioReader();

    private DecisionJson() {
    }

    /** A decision as {@code advise --json} writes it: indented, on several lines. */
    public static String write(Decision decision) {
        return write((Object) decision);
    }

    /** A decision on one line, as {@code batch} writes each record (without its line number). */
    public static String writeLine(Decision decision) {
        return line(decision, true);
    }

    /**
     * A value on one line; with {@code withFiredRules} false, a decision leaves out the rules that fired, as
     * {@code batch} does without {@code --fired-rules}.
     */
    public static String line(Object value, boolean withFiredRules) {
        try {
            return (withFiredRules ? LINE : LINE_WITHOUT_FIRED_RULES).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** An empty JSON object to fill in, written by {@link #line(Object, boolean)}. */
    public static com.fasterxml.jackson.databind.node.ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * A profile from JSON, as {@code batch} reads each line: the scenario format's fields, with the same
     * checks, defaults and limits.
     *
     * @throws alipaykb.scenario.InputError naming the field that is wrong
     */
    public static Profile readProfile(String json) throws alipaykb.scenario.InputError {
        return READER.readJsonLine(java.nio.file.Path.of("json"), 1, json).profile();
    }

    /** What {@code batch} leaves out of a decision without {@code --fired-rules}. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties({"firedRules"})
    private interface WithoutFiredRules {
    }

    /** A funding option's place in the rules' order list is not its rank: JSON calls it {@code orderInRules}. */
    private interface FundingOptionNames {
        @JsonProperty("orderInRules")
        int position();
    }

    /** A transaction's amount is money: written with two decimals, as the policy writes CNY. */
    private interface TransactionResultMoney {
        @JsonSerialize(using = Money.class)
        BigDecimal amount();
    }

    /** Money: at least two decimals (201 is written 201.00), as the policy writes CNY. */
    private static final class Money extends StdSerializer<BigDecimal> {
        Money() {
            super(BigDecimal.class);
        }

        static BigDecimal of(BigDecimal amount) {
            return amount.scale() < 2 ? amount.setScale(2) : amount;
        }

        @Override
        public void serialize(BigDecimal value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            provider.findValueSerializer(BigDecimal.class).serialize(of(value), generator, provider);
        }
    }

    /** A limit: its value is money with two decimals, but for a count (red envelopes a day), a whole number. */
    private static final class LimitJson extends StdSerializer<Limit> {
        LimitJson() {
            super(Limit.class);
        }

        @Override
        public void serialize(Limit limit, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeStartObject();
            provider.defaultSerializeField("scope", limit.scope(), generator);
            provider.defaultSerializeField("kind", limit.kind(), generator);
            provider.defaultSerializeField("value", limit.scope().isCount() ? limit.value() : Money.of(limit.value()),
                    generator);
            provider.defaultSerializeField("basis", limit.basis(), generator);
            provider.defaultSerializeField("because", limit.because(), generator);
            generator.writeEndObject();
        }
    }

    /**
     * Every string value goes out through {@link SafeText} before it is escaped for JSON: a card number broken
     * by tabs or other control characters would otherwise reach the output as {@code \t}-separated digits.
     */
    private static final class SafeString extends StdSerializer<String> {
        SafeString() {
            super(String.class);
        }

        @Override
        public void serialize(String value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(SafeText.of(value));
        }
    }

    /** Map keys, likewise. */
    private static final class SafeKey extends StdSerializer<String> {
        SafeKey() {
            super(String.class);
        }

        @Override
        public void serialize(String value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeFieldName(SafeText.of(value));
        }
    }

    /**
     * A number with more than two decimals is written without its trailing zeros (a cap converted at a rate of
     * six decimals keeps only the decimals that are not zero, and at least two): the value is the same, and it
     * keeps numbers short of the 12 digits in a row that every output masks.
     */
    private static final class Decimal extends StdSerializer<BigDecimal> {
        Decimal() {
            super(BigDecimal.class);
        }

        @Override
        public void serialize(BigDecimal value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            BigDecimal shown = value;
            if (value.scale() > 2) {
                shown = value.stripTrailingZeros();
                if (shown.scale() < 2) {
                    shown = shown.setScale(2);
                }
            }
            generator.writeNumber(shown);
        }
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }
}
