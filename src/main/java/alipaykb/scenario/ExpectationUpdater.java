package alipaykb.scenario;

import alipaykb.decisions.Advice;
import alipaykb.decisions.AdviceCode;
import alipaykb.decisions.Decision;
import alipaykb.decisions.DenyReason;
import alipaykb.decisions.FeeQuote;
import alipaykb.decisions.FiredRule;
import alipaykb.decisions.FundingOption;
import alipaykb.decisions.TransactionResult;
import alipaykb.engine.KnowledgeBase;
import alipaykb.scenario.Expectation.ExpectedFee;
import alipaykb.scenario.Expectation.ExpectedOption;
import alipaykb.scenario.Expectation.ExpectedVerdict;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Rewrites, in a scenario file, each written expectation that the decision no longer meets to what came out, in
 * place. The value of each is found by the marks of its YAML node, where it starts and ends; every other
 * character of the file stays as it was: comments, blank lines, indentation, key order, the other expectations,
 * a list's style (flow {@code [A, B]} or one {@code - A} a line) and a value's quoting. No expectation is added.
 *
 * <p>What each expectation becomes: {@code funding} the options offered, with likelihoods when any entry had one;
 * {@code tier}, {@code verdicts.ID} and {@code fees.ID} what was decided; {@code advice} the advice given, those
 * written first in their order; {@code fundingIncludes}, {@code fundingExcludes}, {@code fired} and
 * {@code notFired} keep the entries that hold, an included option offered with another likelihood taking that
 * likelihood. A fee of a transaction that has no fee quote, and a tier when no tier was decided, are left as
 * written: nothing written in their place would hold. The rewritten text is read again before it is given out,
 * and must hold every rewritten expectation and decide on the same profile; else the file is left as it was.
 */
public final class ExpectationUpdater {
    private static final String UNSAFE = "the file would not read back as this update means, so it is left as it "
            + "was; edit it by hand";

    private final ScenarioReader reader;

    /** An updater reading files as {@code reader} does (with its default evaluation date). */
    public ExpectationUpdater(ScenarioReader reader) {
        this.reader = reader;
    }

    /**
     * One expectation that did not hold: rewritten from {@code before} to {@code after}, or left as written
     * ({@code after} null) for the reason {@code why}.
     *
     * @param line        the line of its value in the file
     * @param expectation its path under {@code expect}, such as {@code verdicts.t2}
     */
    public record Change(Path file, int line, String scenario, String expectation, String before, String after,
                         String why) {
        /** Whether it was rewritten. */
        public boolean written() {
            return after != null;
        }

        /** The same expectation, left as written for the reason given. */
        Change left(String reason) {
            return new Change(file, line, scenario, expectation, before, null, reason);
        }

        /** {@code FILE:LINE: scenario "NAME": expect.PATH: BEFORE → AFTER}, or why it was left. */
        @Override
        public String toString() {
            boolean fee = expectation.startsWith("fees.");
            return file + ":" + line + ": scenario \"" + scenario + "\": expect." + expectation + ": "
                    + (fee ? ExpectedFee.shown(before) : before)
                    + (written() ? " → " + (fee ? ExpectedFee.shown(after) : after) : " (not updated: " + why + ")");
        }
    }

    /**
     * What updating one file comes to.
     *
     * @param original the file's text as read
     * @param text     its text with the expectations rewritten; the original when none is
     * @param problem  why the file could not be read, or null
     */
    public record Update(Path file, String original, String text, List<Change> changes, String problem) {
        public Update {
            changes = List.copyOf(changes);
        }

        /** Whether the text changed, and the file is to be replaced with it. */
        public boolean rewritten() {
            return !text.equals(original);
        }

        /** How many expectations were rewritten. */
        public int written() {
            return (int) changes.stream().filter(Change::written).count();
        }

        /** A line per change, and the problem with the file if it could not be read. */
        public List<String> report() {
            return Stream.concat(changes.stream().map(Change::toString), Stream.ofNullable(problem)).toList();
        }
    }

    /**
     * Reads a scenario file, decides on it with the knowledge base, and rewrites the expectations that do not
     * hold. The file itself is not written: the caller replaces it with {@link Update#text()} when
     * {@link Update#rewritten()}.
     */
    public Update update(KnowledgeBase knowledgeBase, Path file) {
        try {
            String text = ScenarioReader.readText(file);
            ScenarioOutcome outcome = ScenarioSuite.run(knowledgeBase, reader.read(file, text),
                    knowledgeBase.ruleNames());
            return outcome.status() == ScenarioOutcome.Status.FAILED
                    ? update(file, text, outcome.decision(), knowledgeBase.ruleNames())
                    : new Update(file, text, text, List.of(), null);
        } catch (InputError e) {
            return new Update(file, "", "", List.of(), e.getMessage() + " (not updated)");
        }
    }

    /** Rewrites the expectations of a scenario's text that the decision does not meet. */
    Update update(Path file, String text, Decision decision, Set<String> ruleNames) throws InputError {
        Scenario scenario = reader.read(file, text);
        Node root = YamlReader.compose(file, text);
        Edits edits = new Edits(file, text, scenario, decision, ruleNames);
        for (NodeTuple field : ((MappingNode) root).getValue()) {
            if (name(field).equals("expect")) {
                edits.expect((MappingNode) field.getValueNode());
            }
        }
        String updated = edits.applied();
        List<Change> changes = edits.changes;
        if (!updated.equals(text) && !readsBackAsMeant(file, updated, scenario, decision, ruleNames, edits.left)) {
            changes = changes.stream().map(change -> change.written() ? change.left(UNSAFE) : change).toList();
            updated = text;
        }
        return new Update(file, text, updated, changes, null);
    }

    /**
     * Whether a rewritten text reads as the same scenario on the same profile, and the decision meets every
     * expectation but those that were left as written.
     */
    private boolean readsBackAsMeant(Path file, String updated, Scenario scenario, Decision decision,
                                     Set<String> ruleNames, List<String> left) {
        try {
            Scenario again = reader.read(file, updated);
            List<String> differences = ExpectationCheck.differences(again.expect(), decision, ruleNames);
            return Arrays.asList(again.name(), again.profile(), differences.stream().sorted().toList())
                    .equals(Arrays.asList(scenario.name(), scenario.profile(), left.stream().sorted().toList()));
        } catch (InputError e) {
            return false;
        }
    }

    private static String name(NodeTuple field) {
        return ((ScalarNode) field.getKeyNode()).getValue();
    }

    /** The edits of one file's text, made expectation by expectation, and the changes they make. */
    private static final class Edits {
        private record Edit(int start, int end, String text) {
        }

        private final Path file;
        private final String text;
        private final Scenario scenario;
        private final Expectation expect;
        private final Decision decision;
        private final Set<String> ruleNames;
        private final Set<String> fired;
        private final String newline;
        private final List<Edit> edits = new ArrayList<>();
        final List<Change> changes = new ArrayList<>();
        /** The differences of the expectations left as written. */
        final List<String> left = new ArrayList<>();

        Edits(Path file, String text, Scenario scenario, Decision decision, Set<String> ruleNames) {
            this.file = file;
            this.text = text;
            this.scenario = scenario;
            this.expect = scenario.expect();
            this.decision = decision;
            this.ruleNames = ruleNames;
            this.fired = decision.firedRules().stream().map(FiredRule::name).collect(Collectors.toSet());
            this.newline = text.contains("\r\n") ? "\r\n" : "\n";
        }

        /** Rewrites each expectation written under {@code expect:} that does not hold. */
        void expect(MappingNode node) {
            List<FundingOption> options = decision.fundingOptions();
            for (NodeTuple field : node.getValue()) {
                Node value = field.getValueNode();
                switch (name(field)) {
                    case "funding" -> {
                        boolean likelihoods = expect.funding().stream().anyMatch(o -> o.likelihood() != null);
                        List<String> offered = options.stream()
                                .map(o -> likelihoods ? o.code() + ":" + o.likelihood() : o.code().name()).toList();
                        list("funding", value,
                                new Expectation(expect.funding(), null, null, null, null, null, null, null, null),
                                (item, written) -> offered.size() > item ? offered.get(item) : null,
                                offered.subList(Math.min(offered.size(), ((SequenceNode) value).getValue().size()),
                                        offered.size()), false);
                    }
                    case "fundingIncludes" -> list("fundingIncludes", value,
                            new Expectation(null, expect.fundingIncludes(), null, null, null, null, null, null, null),
                            (item, written) -> {
                                ExpectedOption wanted = expect.fundingIncludes().get(item);
                                Optional<FundingOption> offered = options.stream()
                                        .filter(o -> o.code() == wanted.code()).findFirst();
                                return offered.filter(o -> wanted.matches(o.code(), o.likelihood())).isPresent()
                                        ? written : offered.map(o -> o.code() + ":" + o.likelihood()).orElse(null);
                            }, List.of(), false);
                    case "fundingExcludes" -> list("fundingExcludes", value,
                            new Expectation(null, null, expect.fundingExcludes(), null, null, null, null, null, null),
                            keeping(item -> options.stream().noneMatch(o ->
                                    expect.fundingExcludes().get(item).matches(o.code(), o.likelihood()))),
                            List.of(), false);
                    case "tier" -> {
                        Expectation part = new Expectation(null, null, null, expect.tier(), null, null, null, null, null);
                        scalar("tier", value, part, decision.tier() == null ? null : decision.tier().code().name(),
                                "no tier was decided");
                    }
                    case "verdicts" -> {
                        for (NodeTuple entry : ((MappingNode) value).getValue()) {
                            String id = name(entry);
                            ExpectedVerdict wanted = expect.verdicts().get(id);
                            scalar("verdicts." + id, entry.getValueNode(),
                                    new Expectation(null, null, null, null, Map.of(id, wanted), null, null, null, null),
                                    verdict(decision.transaction(id).orElseThrow()), null);
                        }
                    }
                    case "fees" -> {
                        for (NodeTuple entry : ((MappingNode) value).getValue()) {
                            String id = name(entry);
                            ExpectedFee wanted = expect.fees().get(id);
                            TransactionResult result = decision.transaction(id).orElseThrow();
                            scalar("fees." + id, entry.getValueNode(),
                                    new Expectation(null, null, null, null, null, Map.of(id, wanted), null, null, null),
                                    fee(result.fee()), "the transaction is now " + verdict(result)
                                            + ", with no fee quote; remove the fee or edit it by hand");
                        }
                    }
                    case "advice" -> advice(value);
                    case "fired" -> list("fired", value, new Expectation(null, null, null, null, null, null, null,
                                    expect.fired(), null),
                            keeping(item -> fired.contains(expect.fired().get(item))), List.of(), true);
                    default -> list("notFired", value, new Expectation(null, null, null, null, null, null, null, null,
                                    expect.notFired()),
                            keeping(item -> ruleNames.contains(expect.notFired().get(item))
                                    && !fired.contains(expect.notFired().get(item))), List.of(), true);
                }
            }
        }

        /** Advice: the codes written that were given, in their order, then those given and not written. */
        private void advice(Node value) {
            Set<AdviceCode> given = decision.advice().stream().map(Advice::code)
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(AdviceCode.class)));
            List<ScalarNode> items = items(value);
            Set<AdviceCode> written = items.stream().map(item -> AdviceCode.valueOf(item.getValue()))
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(AdviceCode.class)));
            // New codes take the places of codes no longer given first; the rest go at the end.
            List<String> added = given.stream().filter(code -> !written.contains(code)).map(Enum::name)
                    .collect(Collectors.toCollection(ArrayList::new));
            List<String> now = new ArrayList<>();
            for (ScalarNode item : items) {
                now.add(given.contains(AdviceCode.valueOf(item.getValue())) ? item.getValue()
                        : added.isEmpty() ? null : added.remove(0));
            }
            list("advice", value, new Expectation(null, null, null, null, null, null, expect.advice(), null, null),
                    (item, text) -> now.get(item), added, false);
        }

        /** What an item of a list becomes: its text when kept, another text, or null when it is dropped. */
        private interface ItemUpdate {
            String of(int item, String written);
        }

        private static ItemUpdate keeping(Predicate<Integer> holds) {
            return (item, written) -> holds.test(item) ? written : null;
        }

        /** Rewrites a scalar expectation that does not hold, or leaves it, saying why, when nothing came out. */
        private void scalar(String path, Node node, Expectation part, String now, String whyNone) {
            List<String> differences = ExpectationCheck.differences(part, decision, ruleNames);
            if (differences.isEmpty()) {
                return;
            }
            ScalarNode scalar = (ScalarNode) node;
            int line = node.getStartMark().getLine() + 1;
            if (now == null) {
                left.addAll(differences);
                changes.add(new Change(file, line, scenario.name(), path, scalar.getValue().strip(), null, whyNone));
            } else {
                replace(scalar, now, scalar.getScalarStyle());
                changes.add(new Change(file, line, scenario.name(), path, scalar.getValue().strip(), now, null));
            }
        }

        /**
         * Rewrites a list expectation that does not hold: each item kept, replaced or dropped, and items added at
         * the end, in the list's own style.
         */
        private void list(String path, Node node, Expectation part, ItemUpdate update, List<String> added,
                          boolean names) {
            if (ExpectationCheck.differences(part, decision, ruleNames).isEmpty()) {
                return;
            }
            SequenceNode sequence = (SequenceNode) node;
            List<ScalarNode> items = items(sequence);
            List<String> before = items.stream().map(ScalarNode::getValue).toList();
            List<String> now = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                now.add(update.of(i, before.get(i)));
            }
            List<String> after = Stream.concat(now.stream(), added.stream()).filter(Objects::nonNull).toList();
            changes.add(new Change(file, node.getStartMark().getLine() + 1, scenario.name(), path,
                    shown(before, names), shown(after, names), null));
            boolean flow = sequence.getFlowStyle() == FlowStyle.FLOW;
            if (!flow && after.isEmpty()) {
                // A list of lines cannot be empty: it becomes [] where its first item began.
                edits.add(new Edit(start(sequence), end(items.get(items.size() - 1)), "[]"));
                return;
            }
            boolean keptBefore = false;
            for (int i = 0; i < items.size(); i++) {
                ScalarNode item = items.get(i);
                if (now.get(i) == null) {
                    edits.add(flow ? flowDrop(items, i, keptBefore)
                            : new Edit(lineStart(start(item)) - newline.length(), lineEnd(end(item)), ""));
                } else {
                    keptBefore = true;
                    if (!now.get(i).equals(before.get(i))) {
                        replace(item, now.get(i), item.getScalarStyle());
                    }
                }
            }
            if (added.isEmpty()) {
                return;
            }
            // Items are added only when none is dropped, so the last item stays.
            if (items.isEmpty()) {
                edits.add(new Edit(start(sequence) + 1, start(sequence) + 1, rendered(added, ScalarStyle.PLAIN, ", ")));
                return;
            }
            ScalarNode last = items.get(items.size() - 1);
            if (flow) {
                edits.add(new Edit(end(last), end(last), ", " + rendered(added, last.getScalarStyle(), ", ")));
            } else {
                String prefix = newline + text.substring(lineStart(start(last)), start(last));
                edits.add(new Edit(lineEnd(end(last)), lineEnd(end(last)),
                        prefix + rendered(added, last.getScalarStyle(), prefix)));
            }
        }

        /**
         * Drops an item of a flow list with one separator: the one before it when an item before it stays, else
         * the one after it (and none when it is the only one left).
         */
        private Edit flowDrop(List<ScalarNode> items, int i, boolean keptBefore) {
            if (keptBefore) {
                return new Edit(end(items.get(i - 1)), end(items.get(i)), "");
            }
            return new Edit(start(items.get(i)), i + 1 < items.size() ? start(items.get(i + 1)) : end(items.get(i)), "");
        }

        private void replace(ScalarNode node, String value, ScalarStyle style) {
            edits.add(new Edit(start(node), end(node), rendered(List.of(value), style, "")));
        }

        /**
         * Values written in a scalar style. The values are codes and amounts, which need no escaping; a block
         * style becomes double quotes (and the read-back check refuses it where that changes the layout).
         */
        private static String rendered(List<String> values, ScalarStyle style, String separator) {
            String quote = style == ScalarStyle.PLAIN ? "" : style == ScalarStyle.SINGLE_QUOTED ? "'" : "\"";
            return values.stream().map(value -> quote + value + quote).collect(Collectors.joining(separator));
        }

        private static String shown(List<String> values, boolean names) {
            return values.stream().map(value -> names ? "\"" + value + "\"" : value)
                    .collect(Collectors.joining(", ", "[", "]"));
        }

        @SuppressWarnings("unchecked")
        private static List<ScalarNode> items(Node sequence) {
            return (List<ScalarNode>) (List<?>) ((SequenceNode) sequence).getValue();
        }

        /** Where a node starts in the text: marks count code points, the text counts UTF-16 units. */
        private int start(Node node) {
            return text.offsetByCodePoints(0, node.getStartMark().getIndex());
        }

        private int end(Node node) {
            return text.offsetByCodePoints(0, node.getEndMark().getIndex());
        }

        private int lineStart(int at) {
            return text.lastIndexOf('\n', at - 1) + 1;
        }

        /** Where the line holding {@code at} ends, before its line break. */
        private int lineEnd(int at) {
            int end = text.indexOf('\n', at);
            return end < 0 ? text.length() : end - (newline.length() - 1);
        }

        /** The text with every edit made, from the last to the first. */
        String applied() {
            StringBuilder result = new StringBuilder(text);
            edits.stream().sorted(Comparator.comparingInt(Edit::start).reversed())
                    .forEach(edit -> result.replace(edit.start(), edit.end(), edit.text()));
            return result.toString();
        }

        private static String verdict(TransactionResult result) {
            return Stream.concat(Stream.of(result.outcome().name()), result.reasons().stream().map(DenyReason::code)
                    .distinct().sorted().map(Enum::name)).collect(Collectors.joining(" "));
        }

        private static String fee(FeeQuote fee) {
            return fee == null ? null : fee.min().compareTo(fee.max()) == 0 ? money(fee.min())
                    : money(fee.min()) + "-" + money(fee.max());
        }

        private static String money(BigDecimal amount) {
            return amount.setScale(Math.max(2, amount.scale())).toPlainString();
        }
    }
}
