package alipaykb.decisions;

/** What funding options can be ranked by, best first. */
public enum RankBy {
    /** The option's likelihood: HIGH before MEDIUM before LOW. */
    LIKELIHOOD,
    /** The option's place in the rules' order list: 1 first. */
    ORDER_IN_RULES
}
