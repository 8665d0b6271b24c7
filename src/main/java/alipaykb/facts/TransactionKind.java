package alipaykb.facts;

/** What a transaction does. */
public enum TransactionKind {
    QR_PAYMENT, ONLINE_PAYMENT, TRANSFER, RED_ENVELOPE, TOP_UP, ATM_WITHDRAWAL, OVERSEAS_MERCHANT
}
