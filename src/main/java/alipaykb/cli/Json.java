package alipaykb.cli;

import alipaykb.decisions.FundingOption;
import alipaykb.facts.SafeText;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
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
            .addModule(new SimpleModule("safe-text")
                    .addSerializer(String.class, new SafeString())
                    .addKeySerializer(String.class, new SafeKey())
                    .addSerializer(BigDecimal.class, new Decimal()))
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
     * A number with more than two decimals is written without its trailing zeros (a cap of USD 50000 at a rate
     * of 7.123456 is 356172.80, not 356172.800000): the value is the same, and it keeps numbers short of the
     * 12 digits in a row that every output masks.
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
