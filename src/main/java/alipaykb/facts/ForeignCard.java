package alipaykb.facts;

/** A classification the rules derive: the card is issued outside mainland China. */
public record ForeignCard(String cardId) {
    public ForeignCard {
        Checks.text(cardId, "cardId");
    }
}
