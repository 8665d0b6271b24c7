package alipaykb.facts;

/** A classification the rules derive: a foreign card on a network accepted at the evaluation date. */
public record BindableForeignCard(String cardId) {
    public BindableForeignCard {
        Checks.text(cardId, "cardId");
    }
}
