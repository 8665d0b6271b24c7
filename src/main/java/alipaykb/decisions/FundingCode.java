package alipaykb.decisions;

/** A way to fund Alipay. */
public enum FundingCode {
    DIRECT_BIND, REGIONAL_WALLET, VIRTUAL_PREPAID, THIRD_PARTY_TOPUP, FRIEND_TRANSFER, LOCAL_SIM_WALLET, HUABEI
}
