package alipaykb.facts;

import java.util.Objects;

/** A classification: once allowed, the transaction counts toward this total of the usage. */
public record CountsToward(String transaction, UsageTotal total) {
    public CountsToward {
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(total, "total");
    }
}
