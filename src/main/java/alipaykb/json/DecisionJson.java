package alipaykb.json;

import alipaykb.decisions.Decision;
import alipaykb.decisions.DecisionSummary;
import alipaykb.facts.Profile;
import alipaykb.facts.SafeText;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;

/**
 * The JSON of decisions and profiles, exactly as the command line writes and reads it ({@code advise --json},
 * {@code batch}), for a service that speaks the same format: dates as yyyy-MM-dd, amounts as plain decimals
 * (money with two decimals), card numbers never, and every text through the same output filter as the
 * command line's. Thread-safe; nothing here is configurable, so that every writer agrees.
 */
public final class DecisionJson {
    /** The attribute of a writer that leaves the rules that fired out of every decision it writes. */
    private static final Object WITHOUT_FIRED_RULES = new Object();

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .addModule(new SimpleModule("safe-text")
                    .addSerializer(String.class, new SafeString())
                    .addKeySerializer(String.class, new SafeKey()))
            .addModule(DecisionWriter.module(WITHOUT_FIRED_RULES))
            .build();

    /** One JSON value on one line, for a record of a batch. */
    private static final ObjectWriter LINE = MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectWriter LINE_WITHOUT_FIRED_RULES = LINE.withAttribute(WITHOUT_FIRED_RULES, Boolean.TRUE);
    private static final alipaykb.scenario.ScenarioReader READER = new alipaykb.scenario.ScenarioReader();

    /** Each thread's generator of records, kept from one record to the next. */
    private static final ThreadLocal<Lines> LINES = new ThreadLocal<>();

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
     * {@code batch} does without {@code --fired-rules}. A decision, or its summary, is written straight to a
     * generator the calling thread keeps; any other value through the mapper, which writes a decision met inside
     * it the same way.
     */
    public static String line(Object value, boolean withFiredRules) {
        if (value instanceof Decision decision) {
            return lines().write(g -> DecisionWriter.decision(g, decision, withFiredRules));
        }
        if (value instanceof DecisionSummary summary) {
            return lines().write(g -> DecisionWriter.summary(g, summary));
        }
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

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Lines lines() {
        Lines lines = LINES.get();
        if (lines == null) {
            lines = new Lines();
            LINES.set(lines);
        }
        return lines;
    }

    /**
     * A generator of one-line records and the characters it writes to, kept by a thread from one record to the
     * next. A record that fails to be written leaves the generator in the middle of a value: the thread then
     * gives it up and makes a new one for its next record.
     */
    private static final class Lines {
        /** A record longer than this gives its characters back when taken, rather than keeping them for the next. */
        private static final int KEPT = 1 << 16;

        private final Chars chars = new Chars();
        private final JsonGenerator generator;

        Lines() {
            try {
                generator = LINE.createGenerator(chars);
            } catch (IOException e) {
                throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
            }
            // Records follow one another without the space a generator puts between values at its top level.
            generator.setRootValueSeparator(null);
        }

        /** Writes what a record is to the generator. */
        @FunctionalInterface
        interface Record {
            void writeTo(JsonGenerator generator) throws IOException;
        }

        String write(Record record) {
            try {
                record.writeTo(generator);
                generator.flush();
                return chars.take();
            } catch (IOException | RuntimeException e) {
                LINES.remove();
                String message = e instanceof JsonProcessingException processing ? processing.getOriginalMessage()
                        : e.getMessage();
                throw new IllegalStateException("cannot write JSON: " + message, e);
            }
        }

        /** The characters written, handed over one record at a time. */
        private static final class Chars extends Writer {
            private char[] buffer = new char[KEPT / 4];
            private int length;

            @Override
            public void write(char[] text, int offset, int count) {
                if (length + count > buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + count));
                }
                System.arraycopy(text, offset, buffer, length, count);
                length += count;
            }

            @Override
            public void write(String text, int offset, int count) {
                if (length + count > buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + count));
                }
                text.getChars(offset, offset + count, buffer, length);
                length += count;
            }

            /** What was written since the last call, as a text; the characters are kept for the next record. */
            String take() {
                String text = new String(buffer, 0, length);
                length = 0;
                if (buffer.length > KEPT) {
                    buffer = new char[KEPT / 4];
                }
                return text;
            }

            @Override
            public void flush() {
                // Records are taken whole.
            }

            @Override
            public void close() {
                // Nothing is held but characters.
            }
        }
    }
}
