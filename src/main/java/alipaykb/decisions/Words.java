package alipaykb.decisions;

import java.util.Collection;
import java.util.stream.Collectors;

/** Small helpers that turn values into words for the texts rules write. */
public final class Words {
    private Words() {
    }

    /** The values in their natural order (codes in their declared order), separated by commas. */
    public static <T extends Comparable<? super T>> String list(Collection<T> values) {
        return values.stream().sorted().distinct().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
