package alipaykb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * A short command's command line holds that command only, and answers every argument list exactly as the
 * whole command line does: help, usage errors, and the command's own result.
 */
class ShortCommandLineTest {
    static Stream<List<String>> argumentLists() {
        return Stream.of(
                List.of("advise", "--help"),
                List.of("advise"),
                List.of("advise", "--no-such-option", "x.yaml"),
                List.of("advise", "no-such-file.yaml"),
                List.of("explain", "--help"),
                List.of("explain", "test-scenarios/examples/us-traveller-in-shanghai.yaml", "--rule"),
                List.of("check", "--help"),
                List.of("check", "--allowed"),
                List.of("test", "--help"),
                List.of("test", "--min-coverage", "abc"),
                List.of("diff", "--help"),
                List.of("diff"),
                List.of("advise", "--version"));
    }

    @ParameterizedTest
    @MethodSource("argumentLists")
    void aShortCommandAnswersAsTheWholeCommandLineDoes(List<String> arguments) {
        // Given the same arguments
        String[] args = arguments.toArray(String[]::new);

        // When the whole command line and the short command's own run them
        String[] whole = run(Main.commandLine(), args);
        String[] lean = run(Main.commandLine(args), args);

        // Then the short command's holds that command only, and exit code, output and errors are the same
        assertThat(Main.commandLine(args).getSubcommands()).containsOnlyKeys(args[0]);
        assertThat(lean).as(String.join(" ", arguments)).containsExactly(whole);
    }

    private static String[] run(CommandLine commandLine, String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new String[] {String.valueOf(exit), out.toString(), err.toString()};
    }
}
