package alipaykb.cli;

import alipaykb.decisions.Advice;
import alipaykb.decisions.AdviceCode;
import alipaykb.decisions.Decision;
import alipaykb.decisions.DenyReason;
import alipaykb.decisions.Feature;
import alipaykb.decisions.FeeItem;
import alipaykb.decisions.FundingOption;
import alipaykb.decisions.Limit;
import alipaykb.decisions.Outcome;
import alipaykb.decisions.Provenance;
import alipaykb.decisions.Tier;
import alipaykb.decisions.TierNote;
import alipaykb.decisions.TransactionResult;
import alipaykb.engine.RuleSet;
import alipaykb.facts.Card;
import alipaykb.facts.Profile;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes a decision the way a traveller or a support agent reads it, each item with the rule behind it. */
final class DecisionPrinter {
    private final PrintWriter out;

    DecisionPrinter(PrintWriter out) {
        this.out = out;
    }

    void print(Decision decision, Profile profile, String rulesOrigin) {
        Map<String, Card> cards = profile.cards().stream().collect(Collectors.toMap(Card::id, card -> card));
        out.println("As of " + decision.asOf() + " · rules " + (RuleSet.EMBEDDED.equals(rulesOrigin)
                ? "built into the jar" : "in " + rulesOrigin) + " (version " + decision.rulesVersion() + ") · " + decision.fx().entrySet().stream()
                .map(rate -> "1 " + rate.getKey() + " = " + rate.getValue().toPlainString() + " CNY")
                .collect(Collectors.joining(", ")));
        out.println();
        printOptions(decision.fundingOptions(), cards);
        printTier(decision.tier());
        printTransactions(decision.transactions(), cards);
        printAdvice(decision.advice());
    }

    private void printOptions(List<FundingOption> options, Map<String, Card> cards) {
        out.println("HOW TO FUND ALIPAY, best first");
        if (options.isEmpty()) {
            out.println("  No funding option applies.");
        }
        int rank = 1;
        for (FundingOption option : options) {
            StringBuilder head = new StringBuilder("  " + rank++ + ". " + option.code() + " (" + option.likelihood() + ")");
            if (!option.cards().isEmpty()) {
                head.append(" with ").append(option.cards().stream().map(id -> card(id, cards))
                        .collect(Collectors.joining(", ")));
            }
            if (!option.wallets().isEmpty()) {
                head.append(" in ").append(String.join(" or ", option.wallets()));
            }
            out.println(head);
            for (String step : option.steps()) {
                out.println("       - " + step);
            }
            for (String caveat : option.caveats()) {
                out.println("       ! " + caveat);
            }
            for (Provenance because : option.because()) {
                out.println("       " + because(because));
            }
        }
        out.println();
    }

    private void printTier(Tier tier) {
        if (tier == null) {
            out.println("TIER: none applies");
            out.println();
            return;
        }
        out.println("TIER: " + tier.code() + " · features: " + (tier.features().isEmpty() ? "none"
                : tier.features().stream().sorted().map(Feature::name).collect(Collectors.joining(", "))));
        out.println("       " + because(tier.because()));
        for (Limit limit : tier.limits()) {
            String amount = limit.scope().isCount() ? limit.value().stripTrailingZeros().toPlainString()
                    : money(limit.value()) + " CNY";
            String kind = switch (limit.scope()) {
                case DAILY, MONTHLY, ANNUAL -> limit.kind() == null ? ", all kinds together" : ", " + limit.kind() + " only";
                default -> "";
            };
            String basis = limit.basis() == null ? "" : " = " + limit.basis();
            out.println("  " + amount + " " + limit.scope().words() + kind + basis);
            out.println("       " + because(limit.because()));
        }
        for (TierNote note : tier.notes()) {
            out.println("  Note: " + note.text());
            out.println("       " + because(note.because()));
        }
        out.println();
    }

    private void printTransactions(List<TransactionResult> results, Map<String, Card> cards) {
        if (results.isEmpty()) {
            return;
        }
        out.println("PAYMENTS, judged in order");
        for (TransactionResult result : results) {
            String via = cards.containsKey(result.via()) ? card(result.via(), cards) : result.via();
            out.println("  " + result.id() + ": " + result.kind() + " of " + money(result.amount()) + " CNY via " + via
                    + " -> " + (result.outcome() == Outcome.ALLOW ? "ALLOWED" : "DENIED"));
            for (DenyReason reason : result.reasons()) {
                out.println("       x " + reason.code() + ": " + reason.code().words());
                out.println("         " + because(reason.because()));
            }
            if (result.fee() != null) {
                String total = result.fee().min().compareTo(result.fee().max()) == 0 ? money(result.fee().min())
                        : money(result.fee().min()) + " to " + money(result.fee().max());
                out.println("       fee: " + total + " CNY");
                for (FeeItem item : result.fee().items()) {
                    String amount = !item.hasAmount() ? "no amount"
                            : item.min().compareTo(item.max()) == 0 ? money(item.min()) + " CNY"
                            : money(item.min()) + " to " + money(item.max()) + " CNY";
                    out.println("         " + item.code() + " (" + amount + "): " + item.note());
                    out.println("           " + because(item.because()));
                }
            }
        }
        out.println();
    }

    private void printAdvice(List<Advice> advice) {
        out.println("ADVICE");
        if (advice.isEmpty()) {
            out.println("  Nothing more to do.");
        }
        // Advice of one code given by several rules is shown under the code once, each rule with its details.
        Map<AdviceCode, List<Advice>> byCode = new java.util.LinkedHashMap<>();
        advice.forEach(piece -> byCode.computeIfAbsent(piece.code(), code -> new java.util.ArrayList<>()).add(piece));
        byCode.forEach((code, pieces) -> {
            out.println("  " + code);
            for (Advice piece : pieces) {
                for (String detail : piece.details()) {
                    out.println("       - " + detail);
                }
                out.println("       " + because(piece.because()));
            }
        });
    }

    private static String card(String id, Map<String, Card> cards) {
        Card card = cards.get(id);
        return card == null || card.lastFour() == null ? id : id + " (ending " + card.lastFour() + ")";
    }

    static String money(BigDecimal amount) {
        return String.format("%,.2f", amount);
    }

    private static String because(Provenance because) {
        return "rule \"" + because.rule() + "\" (" + because.file() + ", source " + because.source() + ")";
    }
}
