package alipaykb.facts;

/** The card network a card runs on. */
public enum Network {
    VISA, MASTERCARD, JCB, DINERS, DISCOVER, AMEX, UNIONPAY, OTHER
}
