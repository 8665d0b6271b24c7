package alipaykb.facts;

/** The kind of card. */
public enum CardType {
    CREDIT, DEBIT, VIRTUAL_PREPAID
}
