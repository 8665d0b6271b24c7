package alipaykb.decisions;

/** An item of a fee quote. */
public enum FeeItemCode {
    FOREIGN_CARD_SERVICE_FEE, CURRENCY_CONVERSION, ISSUER_FX, BANK_HANDLING_FEE, MERCHANT_SETTLEMENT
}
