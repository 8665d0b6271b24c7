package alipaykb.scenario;

import alipaykb.decisions.FundingCode;
import alipaykb.decisions.Likelihood;
import alipaykb.decisions.Outcome;
import alipaykb.decisions.ReasonCode;
import alipaykb.facts.App;
import alipaykb.facts.Card;
import alipaykb.facts.Checks;
import alipaykb.facts.InvalidFactException;
import alipaykb.facts.Payment;
import alipaykb.facts.Profile;
import alipaykb.facts.TransactionKind;
import alipaykb.facts.Usage;
import alipaykb.facts.User;
import alipaykb.facts.Verification;
import alipaykb.scenario.Expectation.ExpectedFee;
import alipaykb.scenario.Expectation.ExpectedOption;
import alipaykb.scenario.Expectation.ExpectedVerdict;
import alipaykb.scenario.ScenarioDocument.CardDocument;
import alipaykb.scenario.ScenarioDocument.ExpectDocument;
import alipaykb.scenario.ScenarioDocument.TransactionDocument;
import alipaykb.scenario.ScenarioDocument.UsageDocument;
import alipaykb.scenario.ScenarioDocument.UserDocument;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns a bound scenario document into facts and an expectation, pointing every problem at its line. */
final class DocumentConverter {

    private final Path file;
    private final LocatedTree tree;
    private final Clock clock;

    DocumentConverter(Path file, LocatedTree tree, Clock clock) {
        this.file = file;
        this.tree = tree;
        this.clock = clock;
    }

    private InputError error(String path, String problem) {
        return new InputError(file, tree.lineOf(LocatedTree.pointer(path)), path + " " + problem);
    }

    private InputError error(InvalidFactException e) {
        return error(e.field(), e.problem());
    }

    Profile profile(ScenarioDocument document) throws InputError {
        LocalDate asOf = date(document.asOf());
        if (document.user() == null) {
            throw new InputError(file, 1, "user is required: the user's residence at least");
        }
        User user = user(document.user());
        List<Card> cards = new ArrayList<>();
        List<CardDocument> cardDocuments = document.cards() == null ? List.of() : document.cards();
        for (int i = 0; i < cardDocuments.size(); i++) {
            cards.add(card(cardDocuments.get(i), "cards[" + i + "]"));
        }
        Usage usage = usage(document.usage());
        List<Payment> payments = new ArrayList<>();
        List<TransactionDocument> transactionDocuments =
                document.transactions() == null ? List.of() : document.transactions();
        for (int i = 0; i < transactionDocuments.size(); i++) {
            payments.add(payment(transactionDocuments.get(i), i));
        }
        try {
            return new Profile(asOf, document.fx(), user, cards, usage, payments);
        } catch (InvalidFactException e) {
            throw error(e);
        }
    }

    /** A date as scenario files write it: four digits of year, two of month, two of day. */
    private static final java.util.regex.Pattern YYYY_MM_DD = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private LocalDate date(String asOf) throws InputError {
        if (asOf == null) {
            return LocalDate.now(clock);
        }
        try {
            if (!YYYY_MM_DD.matcher(asOf.strip()).matches()) {
                // LocalDate.parse also takes years of more than four digits, with a sign: +999999999-12-31
                throw new DateTimeParseException("not yyyy-MM-dd", asOf, 0);
            }
            return LocalDate.parse(asOf.strip());
        } catch (DateTimeParseException e) {
            throw error("asOf", "'" + ScenarioReader.abbreviate(asOf) + "' is not a real date written yyyy-MM-dd"
                    + (e.getMessage().contains("Invalid date") ? " (" + e.getCause().getMessage() + ")" : ""));
        }
    }

    private User user(UserDocument user) throws InputError {
        try {
            return new User(user.residence(), flag(user.inMainlandChina()),
                    user.app() == null ? App.NONE : user.app(),
                    user.verification() == null ? Verification.NONE : user.verification(),
                    flag(user.chinesePhone()), flag(user.chineseBankAccount()), flag(user.chineseContact()),
                    user.documents() == null ? Set.of() : new LinkedHashSet<>(user.documents()),
                    flag(user.idUsedByAnotherAccount()));
        } catch (InvalidFactException e) {
            throw error(e.within("user"));
        } catch (NullPointerException e) {
            throw error("user.documents", "must not hold an empty entry");
        }
    }

    private Card card(CardDocument card, String path) throws InputError {
        if (card == null) {
            throw error(path, "is empty: a card needs at least an id and an issuerCountry");
        }
        try {
            return Card.withNumber(card.id(), card.issuerCountry(), card.network(), card.type(), card.issuer(),
                    flag(card.chinesePartner()), number(card.number(), path));
        } catch (InvalidFactException e) {
            throw error(e.within(path));
        }
    }

    /** The card number as text, whether written as text or as a bare number. */
    private String number(JsonNode number, String path) throws InputError {
        if (number == null || number.isNull()) {
            return null;
        }
        if (number.isTextual()) {
            return number.textValue();
        }
        if (number.isIntegralNumber()) {
            return number.bigIntegerValue().toString();
        }
        throw error(path + ".number", "must be the card number written as text, in quotes");
    }

    private Usage usage(UsageDocument usage) throws InputError {
        if (usage == null) {
            return Usage.none();
        }
        try {
            return new Usage(usage.today(), usage.redEnvelopesToday() == null ? 0 : usage.redEnvelopesToday(),
                    usage.thisMonth(), usage.thisYear(), usage.foreignCardsThisYear(), 1);
        } catch (InvalidFactException e) {
            throw error(e.within("usage"));
        }
    }

    private Payment payment(TransactionDocument transaction, int index) throws InputError {
        String path = "transactions[" + index + "]";
        if (transaction == null) {
            throw error(path, "is empty: a transaction needs an id, kind, amount and via");
        }
        if (transaction.kind() == null) {
            throw error(path + ".kind", "is required (one of " + ScenarioReader.codes(TransactionKind.class) + ")");
        }
        try {
            return new Payment(transaction.id(), index + 1, transaction.kind(), transaction.amount(),
                    transaction.via());
        } catch (InvalidFactException e) {
            throw error(e.within(path));
        }
    }

    private boolean flag(Boolean value) {
        return value != null && value;
    }

    Expectation expectation(ExpectDocument expect, Profile profile) throws InputError {
        Set<String> ids = profile.transactions().stream().map(Payment::id)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return new Expectation(
                funding(expect.funding(), "expect.funding"),
                funding(expect.fundingIncludes(), "expect.fundingIncludes"),
                funding(expect.fundingExcludes(), "expect.fundingExcludes"),
                expect.tier(),
                verdicts(expect.verdicts(), ids),
                fees(expect.fees(), ids),
                expect.advice() == null ? null : codesOf(expect.advice(), "expect.advice"),
                names(expect.fired(), "expect.fired"),
                names(expect.notFired(), "expect.notFired"));
    }

    private <E extends Enum<E>> Set<E> codesOf(List<E> codes, String path) throws InputError {
        if (codes.contains(null)) {
            throw error(path, "must not hold an empty entry");
        }
        return codes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(codes));
    }

    private List<String> names(List<String> names, String path) throws InputError {
        if (names == null) {
            return null;
        }
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i) == null || names.get(i).isBlank()) {
                throw error(path + "[" + i + "]", "must name a rule");
            }
            try {
                Checks.freeText(names.get(i), path + "[" + i + "]");
            } catch (InvalidFactException e) {
                throw error(e);
            }
        }
        return List.copyOf(names);
    }

    private List<ExpectedOption> funding(List<String> entries, String field) throws InputError {
        if (entries == null) {
            return null;
        }
        List<ExpectedOption> options = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String path = field + "[" + i + "]";
            String entry = entries.get(i) == null ? "" : entries.get(i).strip();
            String[] parts = entry.split(":", -1);
            if (parts.length > 2 || entry.isEmpty()) {
                throw error(path, "'" + ScenarioReader.abbreviate(entry) + "' is not CODE or CODE:LIKELIHOOD");
            }
            FundingCode code = parse(FundingCode.class, parts[0].strip(), path, "funding code");
            Likelihood likelihood = parts.length == 2 ? parse(Likelihood.class, parts[1].strip(), path, "likelihood") : null;
            options.add(new ExpectedOption(code, likelihood));
        }
        return List.copyOf(options);
    }

    private Map<String, ExpectedVerdict> verdicts(Map<String, String> verdicts, Set<String> ids) throws InputError {
        if (verdicts == null) {
            return null;
        }
        Map<String, ExpectedVerdict> expected = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : verdicts.entrySet()) {
            String path = "expect.verdicts." + entry.getKey();
            knownTransaction(entry.getKey(), ids, path);
            String text = entry.getValue() == null ? "" : entry.getValue().strip();
            String[] words = text.split("\\s+");
            Outcome outcome = parse(Outcome.class, words[0], path, "verdict (ALLOW or DENY REASON ...)");
            Set<ReasonCode> reasons = EnumSet.noneOf(ReasonCode.class);
            for (int i = 1; i < words.length; i++) {
                reasons.add(parse(ReasonCode.class, words[i], path, "deny reason"));
            }
            if (outcome == Outcome.ALLOW && !reasons.isEmpty()) {
                throw error(path, "ALLOW takes no reasons: write ALLOW, or DENY with its reasons");
            }
            expected.put(entry.getKey(), new ExpectedVerdict(outcome, reasons.isEmpty() ? null : Set.copyOf(reasons)));
        }
        return expected;
    }

    private Map<String, ExpectedFee> fees(Map<String, JsonNode> fees, Set<String> ids) throws InputError {
        if (fees == null) {
            return null;
        }
        Map<String, ExpectedFee> expected = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : fees.entrySet()) {
            String path = "expect.fees." + entry.getKey();
            knownTransaction(entry.getKey(), ids, path);
            JsonNode value = entry.getValue();
            ExpectedFee fee;
            if (value != null && value.isNumber()) {
                fee = new ExpectedFee(value.decimalValue(), value.decimalValue());
            } else if (value != null && value.isTextual()) {
                fee = feeRange(value.textValue().strip(), path);
            } else {
                throw error(path, "must be an amount such as 6.03, or a range such as \"5.00-15.00\"");
            }
            expected.put(entry.getKey(), fee);
        }
        return expected;
    }

    private ExpectedFee feeRange(String text, String path) throws InputError {
        String[] parts = text.split("-", -1);
        try {
            if (parts.length == 1) {
                BigDecimal amount = new BigDecimal(parts[0].strip());
                return new ExpectedFee(amount, amount);
            }
            if (parts.length == 2) {
                BigDecimal min = new BigDecimal(parts[0].strip());
                BigDecimal max = new BigDecimal(parts[1].strip());
                if (min.compareTo(max) > 0) {
                    throw error(path, "'" + text + "' has its min above its max");
                }
                return new ExpectedFee(min, max);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(path, "'" + ScenarioReader.abbreviate(text) + "' is not an amount such as 6.03 or a range such as 5.00-15.00");
    }

    private void knownTransaction(String id, Set<String> ids, String path) throws InputError {
        if (!ids.contains(id)) {
            throw error(path, "names no transaction (transactions: "
                    + (ids.isEmpty() ? "none" : String.join(", ", ids)) + ")");
        }
    }

    private <E extends Enum<E>> E parse(Class<E> type, String code, String path, String what) throws InputError {
        try {
            return Enum.valueOf(type, code);
        } catch (IllegalArgumentException e) {
            throw error(path, "'" + ScenarioReader.abbreviate(code) + "' is not a " + what + " (one of "
                    + ScenarioReader.codes(type) + ")");
        }
    }
}
