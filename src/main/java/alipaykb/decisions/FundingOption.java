package alipaykb.decisions;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One entry of the ranked funding options: every offer of one code merged, with the best likelihood
 * among them and every card that gave the code.
 *
 * @param position the code's place in the rules' order list, which ranks options of the same likelihood; not
 *                 the option's rank, which is its place in the decision's list (written {@code orderInRules}
 *                 in JSON for that reason)
 */
public record FundingOption(FundingCode code, Likelihood likelihood, int position, List<String> cards,
                            List<String> wallets, List<String> steps, List<String> caveats,
                            List<Provenance> because) {

    public FundingOption {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(likelihood, "likelihood");
        cards = List.copyOf(cards);
        wallets = List.copyOf(wallets);
        steps = List.copyOf(steps);
        caveats = List.copyOf(caveats);
        because = List.copyOf(because);
    }

    /**
     * Merges the offers of one code. The result does not depend on the order of the offers: cards are
     * listed by id, and caveats in the order of the offers sorted by likelihood and card.
     */
    public static FundingOption merge(FundingOptionSpec spec, Collection<FundingOffer> offers) {
        List<FundingOffer> sorted = offers.stream()
                .filter(offer -> offer.code() == spec.code())
                .sorted(Comparator.comparing(FundingOffer::likelihood)
                        .thenComparing(FundingOffer::cardId, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(offer -> offer.because().rule()))
                .toList();
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("no offer of " + spec.code() + " to merge");
        }
        Set<String> cards = new TreeSet<>();
        Set<String> wallets = new LinkedHashSet<>();
        Set<String> caveats = new LinkedHashSet<>();
        Set<Provenance> because = new LinkedHashSet<>();
        for (FundingOffer offer : sorted) {
            if (offer.cardId() != null) {
                cards.add(offer.cardId());
            }
            wallets.addAll(offer.wallets());
            caveats.addAll(offer.caveats());
            because.add(offer.because());
        }
        return new FundingOption(spec.code(), sorted.get(0).likelihood(), spec.position(), List.copyOf(cards),
                List.copyOf(wallets), spec.steps(), List.copyOf(caveats), List.copyOf(because));
    }
}
