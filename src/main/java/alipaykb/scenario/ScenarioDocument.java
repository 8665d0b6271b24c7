package alipaykb.scenario;

import alipaykb.decisions.AdviceCode;
import alipaykb.decisions.TierCode;
import alipaykb.facts.App;
import alipaykb.facts.CardType;
import alipaykb.facts.Document;
import alipaykb.facts.Network;
import alipaykb.facts.TransactionKind;
import alipaykb.facts.Verification;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A scenario file as written, field for field (see the scenario format in the README). Unknown fields
 * are errors. Everything is checked again when it becomes facts.
 */
record ScenarioDocument(
        String scenario,
        String asOf,
        Map<String, BigDecimal> fx,
        UserDocument user,
        List<CardDocument> cards,
        UsageDocument usage,
        List<TransactionDocument> transactions,
        ExpectDocument expect) {

    record UserDocument(
            String residence,
            Boolean inMainlandChina,
            App app,
            Verification verification,
            Boolean chinesePhone,
            Boolean chineseBankAccount,
            Boolean chineseContact,
            List<Document> documents,
            Boolean idUsedByAnotherAccount) {
    }

    /** {@code number} is kept as the raw value so that it never goes through a message that could echo it. */
    record CardDocument(
            String id,
            String issuerCountry,
            Network network,
            CardType type,
            String issuer,
            Boolean chinesePartner,
            JsonNode number) {
    }

    record UsageDocument(
            Map<TransactionKind, BigDecimal> today,
            Integer redEnvelopesToday,
            BigDecimal thisMonth,
            BigDecimal thisYear,
            BigDecimal foreignCardsThisYear) {
    }

    record TransactionDocument(String id, TransactionKind kind, BigDecimal amount, String via) {
    }

    record ExpectDocument(
            List<String> funding,
            List<String> fundingIncludes,
            List<String> fundingExcludes,
            TierCode tier,
            Map<String, String> verdicts,
            Map<String, JsonNode> fees,
            List<AdviceCode> advice,
            List<String> fired,
            List<String> notFired) {
    }
}
