package alipaykb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The parts of batch that read lines and show progress. */
class BatchPartsTest {

    @Test
    void aLineLongerThanTheBoundComesBackWithoutItsTextAndTheNextLineIsIntact() throws IOException {
        // Given a short line, a line of 50 characters and another short line, read with a bound of 10
        LineReader lines = new LineReader(new StringReader("first\r\n" + "x".repeat(50) + "\nthird"), 10);

        // When they are read
        LineReader.Line first = lines.next();
        LineReader.Line long_ = lines.next();
        LineReader.Line third = lines.next();

        // Then the long one has no text, and the lines around it are whole and numbered
        assertThat(first.text()).isEqualTo("first");
        assertThat(long_.text()).isNull();
        assertThat(long_.number()).isEqualTo(2);
        assertThat(third.text()).isEqualTo("third");
        assertThat(third.number()).isEqualTo(3);
        assertThat(lines.next()).isNull();
    }

    @Test
    void progressShowsTheCountTheRateAndTheTimeLeft() {
        // Given a progress display over 1,000 bytes, enabled as on a terminal
        StringWriter err = new StringWriter();
        Progress progress = new Progress(new PrintWriter(err, true), 1000, true);

        // When a quarter of the input has been read, 250 lines
        progress.advance(250);
        progress.show(250);
        progress.finish();

        // Then one line shows the count, a rate, the share done and the time left
        assertThat(err.toString()).startsWith("\r250 lines · ").contains("/s · ").contains("25% · ").contains(" left")
                .endsWith(System.lineSeparator());
    }

    @Test
    void progressStaysSilentWhenNotOnATerminal() {
        StringWriter err = new StringWriter();
        Progress progress = new Progress(new PrintWriter(err, true), 1000, false);
        progress.advance(500);
        progress.show(500);
        progress.finish();
        assertThat(err.toString()).isEmpty();
    }
}
