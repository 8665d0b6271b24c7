package alipaykb.decisions;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How funding options are ranked, as the rules state it: by the first key, then by the next, and so on.
 *
 * @param keys each key at most once, and at least one
 */
public record OptionRanking(List<RankBy> keys, Provenance because) {
    public OptionRanking {
        keys = List.copyOf(keys);
        Set<RankBy> seen = EnumSet.noneOf(RankBy.class);
        if (keys.isEmpty() || !keys.stream().allMatch(seen::add)) {
            throw new IllegalArgumentException("a ranking names each key once, and at least one: " + keys);
        }
        java.util.Objects.requireNonNull(because, "because");
    }

    /** The order this ranking puts options in, best first. */
    public Comparator<FundingOption> order() {
        Comparator<FundingOption> order = null;
        for (RankBy key : keys) {
            Comparator<FundingOption> next = switch (key) {
                case LIKELIHOOD -> Comparator.comparing(FundingOption::likelihood);
                case ORDER_IN_RULES -> Comparator.comparingInt(FundingOption::position);
            };
            order = order == null ? next : order.thenComparing(next);
        }
        return order;
    }
}
