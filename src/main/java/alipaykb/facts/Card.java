package alipaykb.facts;

/**
 * A card the user holds. Only the last four digits of its number are ever kept.
 *
 * @param id            the name the profile gives the card, unique within a profile
 * @param issuerCountry ISO 3166 alpha-2 country of the issuing bank
 * @param network       the card network, or null when not given
 * @param type          credit, debit or virtual prepaid, or null when not given
 * @param issuer        the issuing bank or company in free text, or null
 * @param lastFour      the last four digits of the card number, or null when no number was given
 */
public record Card(
        String id,
        String issuerCountry,
        Network network,
        CardType type,
        String issuer,
        boolean chinesePartner,
        String lastFour) {

    private static final java.util.regex.Pattern FOUR_DIGITS = java.util.regex.Pattern.compile("[0-9]{4}");

    public Card {
        Checks.id(id, "id");
        Checks.freeText(issuer, "issuer");
        Checks.country(issuerCountry, "issuerCountry");
        if (lastFour != null && !FOUR_DIGITS.matcher(lastFour).matches()) {
            throw new InvalidFactException("lastFour", "must be four digits");
        }
    }

    /**
     * The issuer's country, under the name rule engines look for: a record accessor named {@code is…} that
     * returns no boolean is not found as a property by the executable model.
     */
    public String getIssuerCountry() {
        return issuerCountry;
    }

    /** A card built from a full card number, which is checked and then forgotten but for its last four digits. */
    public static Card withNumber(String id, String issuerCountry, Network network, CardType type,
                                  String issuer, boolean chinesePartner, String number) {
        return new Card(id, issuerCountry, network, type, issuer, chinesePartner, CardNumber.lastFour(number));
    }

    /**
     * A builder of a card by its id and the country that issued it (ISO 3166 alpha-2), with the scenario
     * format's defaults: network, type and issuer unknown, no Chinese partner, no number.
     */
    public static Builder builder(String id, String issuerCountry) {
        return new Builder(id, issuerCountry);
    }

    /** Builds a {@link Card} field by field; {@link #build()} validates it and keeps only a number's last four digits. */
    public static final class Builder {
        private final String id;
        private final String issuerCountry;
        private Network network;
        private CardType type;
        private String issuer;
        private boolean chinesePartner;
        private String number;

        private Builder(String id, String issuerCountry) {
            this.id = id;
            this.issuerCountry = issuerCountry;
        }

        /** The card's network. */
        public Builder network(Network value) {
            this.network = value;
            return this;
        }

        /** Credit, debit or virtual prepaid. */
        public Builder type(CardType value) {
            this.type = value;
            return this;
        }

        /** The bank or company that issued the card. */
        public Builder issuer(String value) {
            this.issuer = value;
            return this;
        }

        /** The issuer partners with a mainland Chinese bank. */
        public Builder chinesePartner(boolean value) {
            this.chinesePartner = value;
            return this;
        }

        /** The card number, Luhn-checked; the card keeps only its last four digits. */
        public Builder number(String value) {
            this.number = value;
            return this;
        }

        /**
         * The card.
         *
         * @throws InvalidFactException naming the field, when a value is missing or wrong
         */
        public Card build() {
            return Card.withNumber(id, issuerCountry, network, type, issuer, chinesePartner, number);
        }
    }
}
