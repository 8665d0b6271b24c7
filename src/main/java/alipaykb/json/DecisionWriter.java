package alipaykb.json;

import alipaykb.decisions.Advice;
import alipaykb.decisions.Decision;
import alipaykb.decisions.DecisionSummary;
import alipaykb.decisions.DenyReason;
import alipaykb.decisions.FeeItem;
import alipaykb.decisions.FeeQuote;
import alipaykb.decisions.FiredRule;
import alipaykb.decisions.FundingOption;
import alipaykb.decisions.Limit;
import alipaykb.decisions.Provenance;
import alipaykb.decisions.Tier;
import alipaykb.decisions.TierNote;
import alipaykb.decisions.TransactionResult;
import alipaykb.facts.SafeText;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;

/**
 * The JSON of a decision and of each of its parts, written field by field to a generator: the one place that
 * says which fields a decision's JSON has, in which order, under which names, and how each value is written.
 * {@link DecisionJson} writes a batch record with it straight from the decision, and registers it with its
 * mapper for a decision or part met in any other value, so that both write the same JSON.
 *
 * <p>Every text goes out through {@link SafeText}, codes (enums) as their names, dates as yyyy-MM-dd, numbers
 * as plain decimals ({@link #decimal}), money with two decimals at least ({@link #money}), and a missing value
 * as {@code null}.
 */
final class DecisionWriter {
    private DecisionWriter() {
    }

    /** Writes one value to a generator. */
    @FunctionalInterface
    interface Part<T> {
        void write(JsonGenerator generator, T value) throws IOException;
    }

    /** A decision; without {@code withFiredRules}, without the rules that fired, as {@code batch} writes by default. */
    static void decision(JsonGenerator g, Decision decision, boolean withFiredRules) throws IOException {
        g.writeStartObject();
        field(g, "rulesVersion", decision.rulesVersion(), DecisionWriter::text);
        field(g, "asOf", decision.asOf(), DecisionWriter::date);
        field(g, "fx", decision.fx(), DecisionWriter::decimals);
        field(g, "fundingOptions", decision.fundingOptions(), each(DecisionWriter::fundingOption));
        field(g, "tier", decision.tier(), DecisionWriter::tier);
        field(g, "transactions", decision.transactions(), each(DecisionWriter::transaction));
        field(g, "advice", decision.advice(), each(DecisionWriter::advice));
        if (withFiredRules) {
            field(g, "firedRules", decision.firedRules(), each(DecisionWriter::firedRule));
        }
        g.writeEndObject();
    }

    /** A decision's codes only, as {@code batch --summary} writes them. */
    static void summary(JsonGenerator g, DecisionSummary summary) throws IOException {
        g.writeStartObject();
        field(g, "rulesVersion", summary.rulesVersion(), DecisionWriter::text);
        field(g, "asOf", summary.asOf(), DecisionWriter::date);
        field(g, "funding", summary.funding(), each(DecisionWriter::text));
        field(g, "tier", summary.tier(), DecisionWriter::code);
        field(g, "verdicts", summary.verdicts(), DecisionWriter::texts);
        field(g, "fees", summary.fees(), DecisionWriter::texts);
        field(g, "advice", summary.advice(), each(DecisionWriter::code));
        g.writeEndObject();
    }

    /** A funding option: its place in the rules' order list is not its rank, so it is called {@code orderInRules}. */
    static void fundingOption(JsonGenerator g, FundingOption option) throws IOException {
        g.writeStartObject();
        field(g, "code", option.code(), DecisionWriter::code);
        field(g, "likelihood", option.likelihood(), DecisionWriter::code);
        field(g, "orderInRules", option.position(), DecisionWriter::number);
        field(g, "cards", option.cards(), each(DecisionWriter::text));
        field(g, "wallets", option.wallets(), each(DecisionWriter::text));
        field(g, "steps", option.steps(), each(DecisionWriter::text));
        field(g, "caveats", option.caveats(), each(DecisionWriter::text));
        field(g, "because", option.because(), each(DecisionWriter::provenance));
        g.writeEndObject();
    }

    static void tier(JsonGenerator g, Tier tier) throws IOException {
        g.writeStartObject();
        field(g, "code", tier.code(), DecisionWriter::code);
        field(g, "features", tier.features(), each(DecisionWriter::code));
        field(g, "limits", tier.limits(), each(DecisionWriter::limit));
        field(g, "notes", tier.notes(), each(DecisionWriter::note));
        field(g, "because", tier.because(), DecisionWriter::provenance);
        g.writeEndObject();
    }

    /** A limit: its value is money, but for a count (red envelopes a day), a whole number. */
    static void limit(JsonGenerator g, Limit limit) throws IOException {
        g.writeStartObject();
        field(g, "scope", limit.scope(), DecisionWriter::code);
        field(g, "kind", limit.kind(), DecisionWriter::code);
        if (limit.scope().isCount()) {
            field(g, "value", limit.value(), DecisionWriter::decimal);
        } else {
            field(g, "value", limit.value(), DecisionWriter::money);
        }
        field(g, "basis", limit.basis(), DecisionWriter::text);
        field(g, "because", limit.because(), DecisionWriter::provenance);
        g.writeEndObject();
    }

    static void note(JsonGenerator g, TierNote note) throws IOException {
        g.writeStartObject();
        field(g, "text", note.text(), DecisionWriter::text);
        field(g, "because", note.because(), DecisionWriter::provenance);
        g.writeEndObject();
    }

    /** A transaction's verdict and fee: its amount is money. */
    static void transaction(JsonGenerator g, TransactionResult result) throws IOException {
        g.writeStartObject();
        field(g, "id", result.id(), DecisionWriter::text);
        field(g, "kind", result.kind(), DecisionWriter::code);
        field(g, "amount", result.amount(), DecisionWriter::money);
        field(g, "via", result.via(), DecisionWriter::text);
        field(g, "outcome", result.outcome(), DecisionWriter::code);
        field(g, "reasons", result.reasons(), each(DecisionWriter::reason));
        field(g, "fee", result.fee(), DecisionWriter::fee);
        field(g, "because", result.because(), DecisionWriter::provenance);
        g.writeEndObject();
    }

    static void reason(JsonGenerator g, DenyReason reason) throws IOException {
        g.writeStartObject();
        field(g, "transaction", reason.transaction(), DecisionWriter::text);
        field(g, "code", reason.code(), DecisionWriter::code);
        field(g, "because", reason.because(), DecisionWriter::provenance);
        g.writeEndObject();
    }

    static void fee(JsonGenerator g, FeeQuote fee) throws IOException {
        g.writeStartObject();
        field(g, "transaction", fee.transaction(), DecisionWriter::text);
        field(g, "min", fee.min(), DecisionWriter::decimal);
        field(g, "max", fee.max(), DecisionWriter::decimal);
        field(g, "items", fee.items(), each(DecisionWriter::feeItem));
        field(g, "because", fee.because(), DecisionWriter::provenance);
        g.writeEndObject();
    }

    static void feeItem(JsonGenerator g, FeeItem item) throws IOException {
        g.writeStartObject();
        field(g, "transaction", item.transaction(), DecisionWriter::text);
        field(g, "code", item.code(), DecisionWriter::code);
        field(g, "min", item.min(), DecisionWriter::decimal);
        field(g, "max", item.max(), DecisionWriter::decimal);
        field(g, "note", item.note(), DecisionWriter::text);
        field(g, "because", item.because(), DecisionWriter::provenance);
        g.writeEndObject();
    }

    static void advice(JsonGenerator g, Advice advice) throws IOException {
        g.writeStartObject();
        field(g, "code", advice.code(), DecisionWriter::code);
        field(g, "details", advice.details(), each(DecisionWriter::text));
        field(g, "because", advice.because(), DecisionWriter::provenance);
        g.writeEndObject();
    }

    static void firedRule(JsonGenerator g, FiredRule rule) throws IOException {
        g.writeStartObject();
        field(g, "name", rule.name(), DecisionWriter::text);
        field(g, "file", rule.file(), DecisionWriter::text);
        field(g, "source", rule.source(), DecisionWriter::text);
        field(g, "times", rule.times(), DecisionWriter::number);
        g.writeEndObject();
    }

    static void provenance(JsonGenerator g, Provenance provenance) throws IOException {
        g.writeStartObject();
        field(g, "rule", provenance.rule(), DecisionWriter::text);
        field(g, "file", provenance.file(), DecisionWriter::text);
        field(g, "source", provenance.source(), DecisionWriter::text);
        g.writeEndObject();
    }

    // --- Fields and values ------------------------------------------------------------------------------

    /** A field, and its value as {@code part} writes it; a missing value as {@code null}. */
    private static <T> void field(JsonGenerator g, String name, T value, Part<? super T> part) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            part.write(g, value);
        }
    }

    /** A text through the output filter: a card number broken by tabs would otherwise reach the output. */
    static void text(JsonGenerator g, String text) throws IOException {
        g.writeString(SafeText.of(text));
    }

    /** A code by its name. */
    static void code(JsonGenerator g, Enum<?> code) throws IOException {
        g.writeString(code.name());
    }

    static void date(JsonGenerator g, LocalDate date) throws IOException {
        g.writeString(date.toString());
    }

    static void number(JsonGenerator g, Integer number) throws IOException {
        g.writeNumber(number.intValue());
    }

    /**
     * A number, plain: with more than two decimals, without its trailing zeros (a cap converted at a rate of six
     * decimals keeps only the decimals that are not zero, and at least two). The value is the same, and it keeps
     * numbers short of the 12 digits in a row that every output masks.
     */
    static void decimal(JsonGenerator g, BigDecimal value) throws IOException {
        BigDecimal shown = value;
        if (value.scale() > 2) {
            shown = value.stripTrailingZeros();
            if (shown.scale() < 2) {
                shown = shown.setScale(2);
            }
        }
        g.writeNumber(shown);
    }

    /** Money: at least two decimals (201 is written 201.00), as the policy writes CNY. */
    static void money(JsonGenerator g, BigDecimal amount) throws IOException {
        decimal(g, amount.scale() >= 2 ? amount : amount.setScale(2));
    }

    /** Numbers by name, in the map's order. */
    static void decimals(JsonGenerator g, Map<String, BigDecimal> values) throws IOException {
        map(g, values, DecisionWriter::decimal);
    }

    /** Texts by name, in the map's order. */
    static void texts(JsonGenerator g, Map<String, String> values) throws IOException {
        map(g, values, DecisionWriter::text);
    }

    /** A map's keys, through the output filter like every text, and its values. */
    private static <V> void map(JsonGenerator g, Map<String, V> values, Part<V> value) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, V> entry : values.entrySet()) {
            field(g, SafeText.of(entry.getKey()), entry.getValue(), value);
        }
        g.writeEndObject();
    }

    /** A list, each element as {@code element} writes it. */
    private static <T> Part<Collection<? extends T>> each(Part<T> element) {
        return (g, values) -> list(g, values, element);
    }

    private static <T> void list(JsonGenerator g, Collection<? extends T> values, Part<T> element) throws IOException {
        g.writeStartArray();
        for (T value : values) {
            if (value == null) {
                g.writeNull();
            } else {
                element.write(g, value);
            }
        }
        g.writeEndArray();
    }

    // --- For the mapper ---------------------------------------------------------------------------------

    /**
     * The serializers of a decision and its parts, for a mapper: a decision leaves out the rules that fired when
     * the writer carries the attribute {@code withoutFiredRules} (any value).
     */
    static SimpleModule module(Object withoutFiredRules) {
        return new SimpleModule("decisions")
                .addSerializer(Decision.class, new DecisionSerializer(withoutFiredRules))
                .addSerializer(DecisionSummary.class, new Serializer<>(DecisionSummary.class, DecisionWriter::summary))
                .addSerializer(FundingOption.class,
                        new Serializer<>(FundingOption.class, DecisionWriter::fundingOption))
                .addSerializer(Tier.class, new Serializer<>(Tier.class, DecisionWriter::tier))
                .addSerializer(Limit.class, new Serializer<>(Limit.class, DecisionWriter::limit))
                .addSerializer(TierNote.class, new Serializer<>(TierNote.class, DecisionWriter::note))
                .addSerializer(TransactionResult.class, new Serializer<>(TransactionResult.class,
                        DecisionWriter::transaction))
                .addSerializer(DenyReason.class, new Serializer<>(DenyReason.class, DecisionWriter::reason))
                .addSerializer(FeeQuote.class, new Serializer<>(FeeQuote.class, DecisionWriter::fee))
                .addSerializer(FeeItem.class, new Serializer<>(FeeItem.class, DecisionWriter::feeItem))
                .addSerializer(Advice.class, new Serializer<>(Advice.class, DecisionWriter::advice))
                .addSerializer(FiredRule.class, new Serializer<>(FiredRule.class, DecisionWriter::firedRule))
                .addSerializer(Provenance.class, new Serializer<>(Provenance.class, DecisionWriter::provenance))
                .addSerializer(BigDecimal.class, new Serializer<>(BigDecimal.class, DecisionWriter::decimal));
    }

    /** A decision, for the mapper: with the rules that fired unless the writer says otherwise. */
    private static final class DecisionSerializer extends StdSerializer<Decision> {
        private static final long serialVersionUID = 1L;
        private final transient Object withoutFiredRules;

        DecisionSerializer(Object withoutFiredRules) {
            super(Decision.class);
            this.withoutFiredRules = withoutFiredRules;
        }

        @Override
        public void serialize(Decision value, JsonGenerator g, SerializerProvider provider) throws IOException {
            decision(g, value, provider.getAttribute(withoutFiredRules) == null);
        }
    }

    /** A part written by this class, for the mapper. */
    private static final class Serializer<T> extends StdSerializer<T> {
        private static final long serialVersionUID = 1L;
        private final transient Part<T> part;

        Serializer(Class<T> type, Part<T> part) {
            super(type);
            this.part = part;
        }

        @Override
        public void serialize(T value, JsonGenerator g, SerializerProvider provider) throws IOException {
            part.write(g, value);
        }
    }
}
