package alipaykb.decisions;

import java.math.RoundingMode;
import java.util.Objects;

/**
 * Reference data: how a fee computed as a percentage is rounded.
 *
 * @param decimals the decimal places kept, 2 for the fen
 */
public record FeeRounding(int decimals, RoundingMode mode) {
    public FeeRounding {
        if (decimals < 0 || decimals > 2) {
            throw new IllegalArgumentException("a fee is rounded to 0, 1 or 2 decimal places, not " + decimals);
        }
        Objects.requireNonNull(mode, "mode");
        if (mode == RoundingMode.UNNECESSARY) {
            throw new IllegalArgumentException("a fee's rounding must say which way to round");
        }
    }
}
