package alipaykb.facts;

/** Reference data: a card network whose foreign cards may be bound, during a period. */
public record AcceptedNetwork(Network network, Period period) {
    public AcceptedNetwork {
        Checks.required(network, "network");
        Checks.required(period, "period");
    }
}
