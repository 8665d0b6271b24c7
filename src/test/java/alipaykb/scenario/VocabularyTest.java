package alipaykb.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import alipaykb.testsupport.Commands;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The vocabulary page lists every code with its meaning, and cannot fall behind the code. */
class VocabularyTest {

    @Test
    void theVocabularyPageIsWhatTheCodeMakes() throws IOException {
        // Given the page in docs/ and the text the code makes now
        String page = Files.readString(Path.of("docs/vocabulary.md"));

        // Then they are the same; when not, write the page again with: check --vocabulary > docs/vocabulary.md
        assertThat(page).isEqualTo(Vocabulary.markdown());
    }

    @Test
    void everyMeaningBelongsToACodeThatExists() throws IOException {
        // Given the meanings in vocabulary.properties
        Properties meanings = new Properties();
        try (InputStream in = Vocabulary.class.getResourceAsStream("vocabulary.properties")) {
            meanings.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }

        // Then each names a code of the lists, so that none outlives its code
        assertThat(Vocabulary.codes()).containsAll(meanings.stringPropertyNames());
    }

    @Test
    void theDenyReasonsOfPolicyTwoAreListedWithTheirMeaning() {
        assertThat(Vocabulary.markdown()).contains("| `NO_REGIONAL_WALLET` | the country of residence has no regional wallet")
                .contains("| `WALLET_MERCHANTS_ONLY` | a regional wallet pays merchants in mainland China")
                .contains("| `passportPhoto` | a photo of the passport |");
    }

    @Test
    void checkPrintsThePage() {
        Commands.Run run = Commands.run("check", "--vocabulary");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo(Vocabulary.markdown());
    }
}
