package alipaykb.cli;

import alipaykb.facts.SafeText;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** JSON output for programs: dates as yyyy-MM-dd, amounts as plain decimals. */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .addModule(new SimpleModule("safe-text")
                    .addSerializer(String.class, new SafeString())
                    .addKeySerializer(String.class, new SafeKey()))
            .build();

    /** One JSON value on one line, for a record of a batch. */
    static final ObjectWriter LINE = MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

    private Json() {
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

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }
}
