package alipaykb.facts;

import java.util.List;

/** Reference data: the regional Alipay editions and Alipay+ wallets open to residents of a country. */
public record RegionalWallet(String country, List<String> wallets) {
    public RegionalWallet {
        Checks.country(country, "country");
        wallets = Checks.listOf(wallets, String.class, "wallets");
        if (wallets.isEmpty()) {
            throw new IllegalArgumentException("a regional wallet entry for " + country + " must name a wallet");
        }
    }
}
