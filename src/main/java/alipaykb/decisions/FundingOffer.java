package alipaykb.decisions;

import alipaykb.facts.Checks;
import java.util.List;
import java.util.Objects;

/**
 * One reason to offer a funding option: a rule saw that a card (or the user's situation) makes the
 * option possible, with a likelihood and the caveats that come with it.
 *
 * @param cardId  the card that gives the option, or null when it comes from the user's situation
 * @param wallets the regional wallets the option names, if any
 */
public record FundingOffer(FundingCode code, Likelihood likelihood, String cardId, List<String> wallets,
                           List<String> caveats, Provenance because) {
    public FundingOffer {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(likelihood, "likelihood");
        wallets = wallets == null ? List.of() : Checks.listOf(wallets, String.class, "wallets");
        caveats = caveats == null ? List.of() : Checks.listOf(caveats, String.class, "caveats");
        Objects.requireNonNull(because, "because");
    }

    /** An offer given by a card. */
    public static FundingOffer forCard(FundingCode code, Likelihood likelihood, String cardId, List<String> caveats,
                                       Provenance because) {
        return new FundingOffer(code, likelihood, cardId, List.of(), caveats, because);
    }

    /** An offer given by a card that opens a regional wallet. */
    public static FundingOffer forWallet(Likelihood likelihood, String cardId, List<String> wallets,
                                         Provenance because) {
        return new FundingOffer(FundingCode.REGIONAL_WALLET, likelihood, cardId, wallets, List.of(), because);
    }

    /** An offer that comes from the user's situation rather than a card. */
    public static FundingOffer forUser(FundingCode code, Likelihood likelihood, List<String> caveats,
                                       Provenance because) {
        return new FundingOffer(code, likelihood, null, List.of(), caveats, because);
    }
}
