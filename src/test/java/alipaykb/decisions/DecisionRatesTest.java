package alipaykb.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A decision lists its exchange rates by currency, whatever order they were given in. */
class DecisionRatesTest {
    @Test
    void ratesAreListedByCurrency() {
        // Given rates in an order that is not the currencies'
        Map<String, BigDecimal> given = new LinkedHashMap<>();
        given.put("USD", new BigDecimal("7.20"));
        given.put("EUR", new BigDecimal("7.80"));
        given.put("HKD", new BigDecimal("0.92"));
        given.put("GBP", new BigDecimal("9.10"));

        // When a decision is made with them
        Decision decision = new Decision("v1", LocalDate.of(2025, 6, 1), given, List.of(), null, List.of(), List.of(),
                List.of());

        // Then its rates come in the currencies' order, with the same values
        assertThat(decision.fx().keySet()).containsExactly("EUR", "GBP", "HKD", "USD");
        assertThat(decision.fx()).isEqualTo(given);
    }
}
