package alipaykb.facts;

import java.time.LocalDate;

/**
 * A span of days, {@code from} inclusive and {@code until} exclusive; either end may be open (null).
 */
public record Period(LocalDate from, LocalDate until) {
    public Period {
        if (from != null && until != null && !from.isBefore(until)) {
            throw new IllegalArgumentException("a period must start before it ends: " + from + " to " + until);
        }
    }

    /** Every day. */
    public static Period always() {
        return new Period(null, null);
    }

    /** The period from the first day on, open-ended. */
    public static Period from(String day) {
        return new Period(LocalDate.parse(day), null);
    }

    /** The period of every day before the given one. */
    public static Period before(String day) {
        return new Period(null, LocalDate.parse(day));
    }

    /** Whether the day falls in this period. */
    public boolean contains(LocalDate day) {
        return (from == null || !day.isBefore(from)) && (until == null || day.isBefore(until));
    }

    @Override
    public String toString() {
        if (from == null && until == null) {
            return "always";
        }
        if (from == null) {
            return "before " + until;
        }
        return until == null ? "from " + from : from + " to " + until;
    }
}
