package alipaykb.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A card number is checked with Luhn and only its last four digits are kept. */
class CardNumberTest {

    @Test
    void aValidNumberKeepsOnlyItsLastFourDigits() {
        // Given a valid Visa test number written in groups
        String number = "4111 1111 1111 1111";

        // When a card is built from it
        Card card = Card.withNumber("visa", "US", Network.VISA, CardType.CREDIT, null, false, number);

        // Then only the last four digits remain, anywhere in the card
        assertThat(card.lastFour()).isEqualTo("1111");
        assertThat(card.toString()).doesNotContain("4111");
    }

    @Test
    void aNumberFailingLuhnIsRefusedShowingOnlyItsLastFourDigits() {
        assertThatThrownBy(() -> CardNumber.lastFour("5555-5555-5555-4445"))
                .isInstanceOf(InvalidFactException.class)
                .hasMessageContaining("ending 4445 fails the Luhn check")
                .hasMessageNotContaining("5555");
    }

    @Test
    void aNumberOfTheWrongLengthIsRefused() {
        assertThatThrownBy(() -> CardNumber.lastFour("4111 1111"))
                .hasMessageContaining("12 to 19 digits");
    }

    @Test
    void lettersInANumberAreRefused() {
        assertThatThrownBy(() -> CardNumber.lastFour("4111 1111 1111 111x"))
                .hasMessageContaining("only digits");
    }
}
