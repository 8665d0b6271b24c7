package alipaykb.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import alipaykb.decisions.Decision;
import alipaykb.engine.KnowledgeBase;
import alipaykb.facts.App;
import alipaykb.facts.Card;
import alipaykb.facts.CardType;
import alipaykb.facts.Network;
import alipaykb.facts.Payment;
import alipaykb.facts.Profile;
import alipaykb.facts.TransactionKind;
import alipaykb.facts.User;
import alipaykb.scenario.InputError;
import alipaykb.testsupport.Commands;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** A service writes and reads exactly the command line's JSON. */
class DecisionJsonTest {
    private static final KnowledgeBase KNOWLEDGE_BASE = KnowledgeBase.load(Path.of("src/test/resources/frozen-rules"));
    private static final String PROFILE = "{\"asOf\":\"2025-06-01\",\"user\":{\"residence\":\"US\",\"inMainlandChina\":true,"
            + "\"app\":\"MAINLAND\"},\"cards\":[{\"id\":\"visa\",\"issuerCountry\":\"US\",\"network\":\"VISA\",\"type\":\"CREDIT\","
            + "\"number\":\"4111 1111 1111 1111\"}],\"transactions\":[{\"id\":\"t1\",\"kind\":\"QR_PAYMENT\",\"amount\":201,"
            + "\"via\":\"visa\"}]}";

    @Test
    void aProfileReadFromJsonIsTheProfileTheBuilderMakes() throws InputError {
        // When the same profile is read from JSON and built in Java
        Profile read = DecisionJson.readProfile(PROFILE);
        Profile built = Profile.builder().asOf(LocalDate.of(2025, 6, 1))
                .user(User.builder("US").inMainlandChina(true).app(App.MAINLAND).build())
                .card(Card.builder("visa", "US").network(Network.VISA).type(CardType.CREDIT).number("4111 1111 1111 1111").build())
                .payment("t1", TransactionKind.QR_PAYMENT, new BigDecimal("201"), "visa")
                .build();

        // Then they are equal, and the card keeps only its last four digits
        assertThat(read).isEqualTo(built);
        assertThat(read.cards().get(0).lastFour()).isEqualTo("1111");
        assertThat(read.transactions().get(0).position()).isEqualTo(1);
    }

    @Test
    void aDecisionIsWrittenAsAdviseJsonWritesIt(@org.junit.jupiter.api.io.TempDir Path folder) throws Exception {
        // Given the profile as a scenario file, decided by the command line and by the library
        Path file = folder.resolve("p.json");
        java.nio.file.Files.writeString(file, PROFILE);
        Commands.Run cli = Commands.run("advise", "--json", "--rules", "src/test/resources/frozen-rules", file.toString());
        Decision decision = KNOWLEDGE_BASE.evaluate(DecisionJson.readProfile(PROFILE));

        // When the library writes it, Then it is the command line's JSON, byte for byte
        assertThat(DecisionJson.write(decision)).isEqualTo(cli.out().strip());
        assertThat(DecisionJson.writeLine(decision)).doesNotContain("\n").contains("\"orderInRules\"")
                .contains("\"amount\":201.00").doesNotContain("4111");
        assertThat(DecisionJson.line(decision, false)).doesNotContain("firedRules");
        assertThat(DecisionJson.line(decision, true)).contains("firedRules");
    }

    @Test
    void aWrongProfileIsAnInputErrorNamingTheField() {
        assertThatThrownBy(() -> DecisionJson.readProfile(PROFILE.replace("\"US\",\"inMainlandChina\"", "\"USA\",\"inMainlandChina\"")))
                .isInstanceOf(InputError.class).hasMessageContaining("user.residence");
    }

    @Test
    void builtFactsHaveTheScenarioFormatsDefaultsAndAreValidated() {
        User user = User.builder("HK").build();
        assertThat(user.app()).isEqualTo(App.NONE);
        assertThat(user.documents()).isEmpty();
        assertThat(User.builder("GB").chinesePhone(true).chineseBankAccount(true).chineseContact(true)
                .idUsedByAnotherAccount(true).verification(alipaykb.facts.Verification.PASSPORT)
                .documents(alipaykb.facts.Document.PASSPORT).build())
                .isEqualTo(new User("GB", false, App.NONE, alipaykb.facts.Verification.PASSPORT, true, true, true,
                        java.util.Set.of(alipaykb.facts.Document.PASSPORT), true));
        Card card = Card.builder("c", "CN").issuer("Bank").chinesePartner(true).build();
        assertThat(card.network()).isNull();
        assertThat(card.chinesePartner()).isTrue();
        assertThatThrownBy(() -> Profile.builder().user(user).build()).hasMessageContaining("asOf");
        assertThat(Profile.builder().asOf(LocalDate.of(2025, 1, 1)).user(user).fx("USD", new BigDecimal("7.1"))
                .usage(alipaykb.facts.Usage.none()).payment("t", TransactionKind.ONLINE_PAYMENT, BigDecimal.ONE,
                        Payment.BALANCE).build().fx()).containsEntry("USD", new BigDecimal("7.1"));
    }
}
