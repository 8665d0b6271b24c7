package alipaykb.scenario;

import alipaykb.decisions.AdviceCode;
import alipaykb.decisions.Feature;
import alipaykb.decisions.FeeItemCode;
import alipaykb.decisions.FundingCode;
import alipaykb.decisions.Likelihood;
import alipaykb.decisions.Outcome;
import alipaykb.decisions.ReasonCode;
import alipaykb.decisions.TierCode;
import alipaykb.facts.App;
import alipaykb.facts.CardType;
import alipaykb.facts.Document;
import alipaykb.facts.Network;
import alipaykb.facts.TransactionKind;
import alipaykb.facts.Verification;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Every code a scenario file may use, with its meaning: the codes come from the types themselves, the
 * meanings from {@code vocabulary.properties}, so the list cannot fall behind the code. {@code docs/vocabulary.md}
 * is this text.
 */
public final class Vocabulary {
    /** One list of codes: where it is written in a scenario file, and its type. */
    private record Section(String title, String where, Class<? extends Enum<?>> type) {
    }

    private static final List<Section> SECTIONS = List.of(
            new Section("Transaction kinds", "`transactions[].kind`", TransactionKind.class),
            new Section("Card networks", "`cards[].network`", Network.class),
            new Section("Card types", "`cards[].type`", CardType.class),
            new Section("Apps", "`user.app`", App.class),
            new Section("Verification", "`user.verification`", Verification.class),
            new Section("Documents", "`user.documents`", Document.class),
            new Section("Funding options", "`expect.funding`, `fundingIncludes`, `fundingExcludes`", FundingCode.class),
            new Section("Likelihoods", "after a funding code: `DIRECT_BIND:LOW`", Likelihood.class),
            new Section("Tiers", "`expect.tier`", TierCode.class),
            new Section("Outcomes", "`expect.verdicts`", Outcome.class),
            new Section("Deny reasons", "`expect.verdicts`, after `DENY`", ReasonCode.class),
            new Section("Advice", "`expect.advice`", AdviceCode.class),
            new Section("Fee items", "in a decision's fee quote", FeeItemCode.class),
            new Section("Tier features", "in a decision's tier", Feature.class));

    private Vocabulary() {
    }

    /** The vocabulary as Markdown. */
    public static String markdown() {
        Properties meanings = meanings();
        StringBuilder text = new StringBuilder("# The vocabulary of scenario files\n\n"
                + "Every code a scenario file may use, with its meaning. This page is made from the code (see\n"
                + "`Vocabulary`); a test fails when it falls behind. The policy itself is in the rule files.\n"
                + "`via:` in a transaction is a card id, `balance`, or `wallet` (the regional wallet of the\n"
                + "country of residence).\n");
        for (Section section : SECTIONS) {
            text.append("\n## ").append(section.title()).append("\n\nWritten in ").append(section.where())
                    .append(".\n\n| code | meaning |\n|---|---|\n");
            for (Enum<?> constant : section.type().getEnumConstants()) {
                String code = constant instanceof Document document ? document.code() : constant.name();
                String meaning = constant instanceof ReasonCode reason ? reason.words()
                        : meanings.getProperty(section.type().getSimpleName() + "." + constant.name());
                if (meaning == null) {
                    throw new IllegalStateException("vocabulary.properties has no meaning for "
                            + section.type().getSimpleName() + "." + constant.name());
                }
                text.append("| `").append(code).append("` | ").append(meaning).append(" |\n");
            }
        }
        return text.toString();
    }

    private static Properties meanings() {
        Properties meanings = new Properties();
        try (InputStream in = Vocabulary.class.getResourceAsStream("vocabulary.properties")) {
            if (in == null) {
                throw new IllegalStateException("vocabulary.properties is missing from the build");
            }
            meanings.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return meanings;
    }

    /** The codes listed, for tests: type name and code. */
    static List<String> codes() {
        List<String> codes = new ArrayList<>();
        SECTIONS.forEach(section -> {
            for (Enum<?> constant : section.type().getEnumConstants()) {
                codes.add(section.type().getSimpleName() + "." + constant.name());
            }
        });
        return codes;
    }
}
