package alipaykb.cli;

import alipaykb.decisions.FundingOption;
import alipaykb.decisions.Limit;
import alipaykb.decisions.TransactionResult;
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

/** JSON output for programs: dates as yyyy-MM-dd, amounts as plain decimals. */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder()
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
    static final ObjectWriter LINE = MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** A funding option's place in the rules' order list is not its rank: JSON calls it {@code orderInRules}. */
    interface FundingOptionNames {
        @JsonProperty("orderInRules")
        int position();
    }

    /** A transaction's amount is money: written with two decimals, as the policy writes CNY. */
    interface TransactionResultMoney {
        @JsonSerialize(using = Money.class)
        BigDecimal amount();
    }

    /** Money: at least two decimals (201 is written 201.00), as the policy writes CNY. */
    static final class Money extends StdSerializer<BigDecimal> {
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

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }
}
