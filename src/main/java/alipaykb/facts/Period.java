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
    /** The period from a day on: the year, month and day are numbers, so a rule file's compiler checks them. */
    public static Period from(int year, int month, int day) {
        return new Period(day(year, month, day), null);
    }

    /** The period of every day before the given one. */
    /** The period before a day. */
    public static Period before(int year, int month, int day) {
        return new Period(null, day(year, month, day));
    }

    private static LocalDate day(int year, int month, int day) {
        try {
            return LocalDate.of(year, month, day);
        } catch (java.time.DateTimeException e) {
            throw new InvalidFactException("date", year + "-" + month + "-" + day + " does not exist: " + e.getMessage());
        }
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
