package alipaykb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The second JVM of a short command is started only with options it can take as they are. */
class ShortRunTest {
    @ParameterizedTest
    @ValueSource(strings = {"-Dfile.encoding=UTF-8", "-Xmx512m", "-Xms64m", "-Xss4m", "-ea", "-da:alipaykb..."})
    void propertiesSizesAndAssertionsArePassedOn(String option) {
        // Given an option the first JVM was started with
        // When it is judged
        // Then it is passed on to the second
        assertThat(ShortRun.understood(option)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-XX:+UseG1GC", "-XX:+UseParallelGC", "-XX:TieredStopAtLevel=4", "--add-opens",
        "-javaagent:agent.jar", "-agentlib:jdwp=transport=dt_socket", "@options.txt", "-p", "--module-path"})
    void anyOtherOptionKeepsTheCommandInItsOwnJvm(String option) {
        // Given an option the first JVM was started with that the second could not take as it is
        // When it is judged
        // Then the command runs in the first JVM, as it was started
        assertThat(ShortRun.understood(option)).isFalse();
    }
}
