package alipaykb.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code bin/alipay-kb} as a user runs it: what {@code java -jar} prints, with the same exit code; its
 * class-data-sharing archive made once, after the run, and used when sound, never when stale or damaged;
 * the long-running commands in a JVM with its default options. Each test has a copy of the jar it may
 * touch and an archive folder of its own, and waits for any archive it caused to be made. Whether the JVM
 * took its classes from the archive is read from its class-loading log ({@code -Xlog:class+load}), which
 * names "shared objects file" as the source of a class from an archive (the JDK's own archive holds none
 * of the program's); times are never asserted.
 */
class LauncherIT {
    private static final Path LAUNCHER = Path.of(System.getProperty("alipaykb.launcher", "bin/alipay-kb"))
            .toAbsolutePath();
    private static final Path CLI_JAR = Path.of(System.getProperty("alipaykb.cli.jar", "target/alipay-kb.jar"));
    private static final Path EXAMPLE = Path.of("test-scenarios/examples/us-traveller-in-shanghai.yaml").toAbsolutePath();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final Duration PATIENCE = Duration.ofMinutes(5);
    private static final String REPORT = "alipay-kb launcher: ";
    private static final String STALE = "stale or damaged, not used: made again after this run";
    private static final String FROM_ARCHIVE = "alipaykb.cli.Main source: shared objects file";
    private static final String PROFILE_LINE = "{\"scenario\":\"one\",\"asOf\":\"2025-01-15\",\"user\":{\"residence\":\"DE\","
            + "\"inMainlandChina\":true,\"app\":\"MAINLAND\",\"verification\":\"PASSPORT\",\"chinesePhone\":false,"
            + "\"chineseBankAccount\":false,\"chineseContact\":false,\"documents\":[\"passport\"]},\"cards\":[{\"id\":\"card\","
            + "\"issuerCountry\":\"DE\",\"network\":\"MASTERCARD\",\"type\":\"DEBIT\",\"issuer\":\"Sparkasse\"}],"
            + "\"usage\":{\"thisMonth\":0,\"thisYear\":0},\"transactions\":[{\"id\":\"taxi\",\"kind\":\"QR_PAYMENT\","
            + "\"amount\":230,\"via\":\"card\"}]}\n";

    @TempDir
    Path temp;
    private Path jar;
    private Path archives;
    private Path work;
    private Path classLog;

    @BeforeEach
    void copyTheJar() throws IOException {
        jar = temp.resolve("jar/alipay-kb.jar");
        Files.createDirectories(jar.getParent());
        Files.copy(CLI_JAR, jar);
        archives = temp.resolve("archives");
        work = Files.createDirectories(temp.resolve("work"));
        classLog = temp.resolve("classes.log");
    }

    @Test
    void theFirstRunPrintsWhatJavaJarPrintsAndMakesOneArchive() throws Exception {
        // Given no archive yet
        Run expected = javaJar("advise", EXAMPLE.toString());

        // When the launcher advises
        Instant start = Instant.now();
        Run first = launcher(Map.of(), "advise", EXAMPLE.toString());

        // Then it prints what java -jar prints, exits as it does, and one archive and its key are made
        assertThat(first).isEqualTo(expected);
        awaitArchiveMadeAfter(start);
        assertThat(archiveFolderNames()).hasSize(2).allMatch(name -> name.matches("alipay-kb-[0-9]+\\.(jsa|key)"));
    }

    @Test
    void theArchiveIsMadeWithoutChangingAnyFileOfTheUsers() throws Exception {
        // Given a first run, which stores compiled rules in the user's cache and its key in the user's config
        Instant start = Instant.now();
        launcher(Map.of(), "advise", EXAMPLE.toString());
        Map<String, String> before = snapshot(temp.resolve("rules-cache"), temp.resolve("config"), work);

        // When the archive has been made after it
        awaitArchiveMadeAfter(start);

        // Then the cache, the config and the folder the command ran in are as the run left them
        assertThat(snapshot(temp.resolve("rules-cache"), temp.resolve("config"), work)).isEqualTo(before);
        assertThat(before).isNotEmpty();
    }

    @Test
    void theCallerGetsTheEndOfOutputWhenTheCommandEndsNotWhenTheArchiveIsMade() throws Exception {
        // Given no archive yet
        // When a first run's output has been read to its end
        launcher(Map.of(), "advise", EXAMPLE.toString());

        // Then the archive is still being made: the maker holds none of the caller's streams
        assertThat(archiveFolderNames()).noneMatch(name -> name.endsWith(".key"));
        awaitArchiveMadeAfter(Instant.EPOCH);
    }

    @Test
    void theSecondRunUsesTheArchive() throws Exception {
        // Given an archive made by a first run
        Instant start = Instant.now();
        launcher(Map.of(), "advise", EXAMPLE.toString());
        awaitArchiveMadeAfter(start);
        Run expected = javaJar("advise", EXAMPLE.toString());

        // When the launcher advises again
        Run second = launcher(withReportAndClassLog(), "advise", EXAMPLE.toString());

        // Then it names the archive, the JVM takes the command's classes from it, and the output is the same
        assertThat(second.report()).contains(REPORT + "archive " + archive() + ": used");
        assertThat(Files.readString(classLog)).contains(FROM_ARCHIVE);
        assertThat(second.withoutReport()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"truncated", "overwritten", "one byte changed"})
    void aDamagedArchiveIsNotUsedAndIsMadeAgain(String damage) throws Exception {
        // Given an archive made by a first run, then damaged
        Instant start = Instant.now();
        launcher(Map.of(), "advise", EXAMPLE.toString());
        awaitArchiveMadeAfter(start);
        Path archive = archive();
        damage(archive, damage);
        byte[] damaged = Files.readAllBytes(archive);
        Run expected = javaJar("advise", EXAMPLE.toString());

        // When the launcher advises
        Instant damagedRun = Instant.now();
        Run run = launcher(withReportAndClassLog(), "advise", EXAMPLE.toString());

        // Then the archive is not used, the output is what java -jar prints, and a whole archive replaces it
        assertThat(run.report()).contains(REPORT + "archive " + archive + ": " + STALE);
        assertThat(Files.readString(classLog)).doesNotContain(FROM_ARCHIVE);
        assertThat(run.withoutReport()).isEqualTo(expected);
        awaitArchiveMadeAfter(damagedRun);
        assertThat(Files.readAllBytes(archive)).isNotEqualTo(damaged);
        assertThat(launcher(withReportAndClassLog(), "advise", EXAMPLE.toString()).report())
                .contains(REPORT + "archive " + archive + ": used");
        assertThat(Files.readString(classLog)).contains(FROM_ARCHIVE);
    }

    @Test
    void anArchiveIsNotUsedForTheJarOnceTheJarChanged() throws Exception {
        // Given an archive made for the jar
        Instant start = Instant.now();
        launcher(Map.of(), "advise", EXAMPLE.toString());
        awaitArchiveMadeAfter(start);
        Path archive = archive();

        // When the jar is touched, as a new build would, and the launcher advises
        Files.setLastModifiedTime(jar, FileTime.from(Files.getLastModifiedTime(jar).toInstant().plusSeconds(3600)));
        Run expected = javaJar("advise", EXAMPLE.toString());
        Instant touchedRun = Instant.now();
        Run run = launcher(withReportAndClassLog(), "advise", EXAMPLE.toString());

        // Then the archive is not used, the output is the same, and an archive for the jar as it is now follows
        assertThat(run.report()).contains(REPORT + "archive " + archive + ": " + STALE);
        assertThat(Files.readString(classLog)).doesNotContain(FROM_ARCHIVE);
        assertThat(run.withoutReport()).isEqualTo(expected);
        awaitArchiveMadeAfter(touchedRun);
        assertThat(launcher(withReportAndClassLog(), "advise", EXAMPLE.toString()).report())
                .contains(REPORT + "archive " + archive + ": used");
    }

    @Test
    void anotherJarHasAnArchiveOfItsOwn() throws Exception {
        // Given an archive made for the jar
        Instant start = Instant.now();
        launcher(Map.of(), "advise", EXAMPLE.toString());
        awaitArchiveMadeAfter(start);
        Path archive = archive();

        // When a copy of the jar elsewhere runs
        Path other = temp.resolve("other/alipay-kb.jar");
        Files.createDirectories(other.getParent());
        Files.copy(jar, other);
        Instant otherRun = Instant.now();
        Run run = launcher(Map.of("ALIPAY_KB_JAR", other.toString(), "ALIPAY_KB_LAUNCHER_DEBUG", "1",
                "ALIPAY_KB_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog), "advise", EXAMPLE.toString());

        // Then it does not use the first jar's archive, and gets one of its own
        assertThat(run.report()).anyMatch(line -> line.contains(": none yet")).noneMatch(line -> line.contains(archive.toString()));
        assertThat(Files.readString(classLog)).doesNotContain(FROM_ARCHIVE);
        awaitArchiveMadeAfter(otherRun);
        assertThat(archiveFolderNames()).filteredOn(name -> name.endsWith(".jsa")).hasSize(2);
    }

    @Test
    void twoFirstRunsAtOnceLeaveOneWholeArchive() throws Exception {
        // Given no archive yet
        Run expected = javaJar("advise", EXAMPLE.toString());

        // When two first runs start together
        Instant start = Instant.now();
        CompletableFuture<Run> one = CompletableFuture.supplyAsync(() -> unchecked(() -> launcher(Map.of(), "advise",
                EXAMPLE.toString())));
        CompletableFuture<Run> two = CompletableFuture.supplyAsync(() -> unchecked(() -> launcher(Map.of(), "advise",
                EXAMPLE.toString())));

        // Then both print what java -jar prints, and one archive results, which the next run uses
        assertThat(List.of(one.get(), two.get())).containsOnly(expected);
        awaitArchiveMadeAfter(start);
        assertThat(archiveFolderNames()).hasSize(2);
        assertThat(launcher(withReportAndClassLog(), "advise", EXAMPLE.toString()).report())
                .contains(REPORT + "archive " + archive() + ": used");
        assertThat(Files.readString(classLog)).contains(FROM_ARCHIVE);
    }

    @Test
    void aMakerStoppedMidwayLeavesNoArchiveAndTheNextRunMakesOne() throws Exception {
        // Given a first run, whose archive is being made
        launcher(Map.of(), "advise", EXAMPLE.toString());
        ProcessHandle maker = awaitProcess("-XX:SharedClassListFile=" + archives);

        // When the JVM making it is stopped
        maker.destroy();
        assertThat(maker.onExit().get(PATIENCE.toSeconds(), TimeUnit.SECONDS).isAlive()).isFalse();
        awaitNoMaker();

        // Then nothing is left under an archive's name, and the next run makes the archive
        assertThat(archiveFolderNames()).isEmpty();
        Instant next = Instant.now();
        assertThat(launcher(withReportAndClassLog(), "advise", EXAMPLE.toString()).report())
                .anyMatch(line -> line.endsWith(": none yet: made after this run"));
        awaitArchiveMadeAfter(next);
        assertThat(archiveFolderNames()).hasSize(2);
    }

    static Stream<String> shortCommands() {
        return ShortRun.SHORT.stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("shortCommands")
    void theCommandsThatStartASecondJvmUnderJavaJarGetTheShortRunOptionsInTheOnlyOne(String command)
            throws Exception {
        // Given the report of the java command line, and no archive (which has no part in this)
        Map<String, String> noArchive = Map.of("ALIPAY_KB_LAUNCHER_DEBUG", "1", "ALIPAY_KB_CDS", "off");

        // When a command that java -jar would run in a second JVM runs
        Run run = launcher(noArchive, command, "--help");

        // Then the one JVM gets the short-run options and the mark, and prints what java -jar prints
        String javaCommand = run.report().stream().filter(line -> line.startsWith(REPORT + "exec ")).findFirst()
                .orElseThrow();
        assertThat(javaCommand).contains(" -XX:TieredStopAtLevel=1 ", " -XX:-UsePerfData ", " -XX:CICompilerCount=1 ",
                " -Dalipaykb.shortRun=1 -jar ");
        assertThat(run.withoutReport()).isEqualTo(javaJar(command, "--help"));
    }

    @Test
    void optionsThatChooseTheCompilersLeaveTheCompilerThreadsToTheJvm() throws Exception {
        // Given options that bring back the optimising compiler, with which one compiler thread is refused
        Map<String, String> environment = Map.of("ALIPAY_KB_LAUNCHER_DEBUG", "1", "ALIPAY_KB_CDS", "off",
                "ALIPAY_KB_JAVA_OPTS", "-XX:TieredStopAtLevel=4");

        // When a short command runs
        Run run = launcher(environment, "advise", EXAMPLE.toString());

        // Then the launcher sets neither the number of compiler threads nor the paging of the heap, and the command
        // runs as java -jar runs it
        String javaCommand = run.report().stream().filter(line -> line.startsWith(REPORT + "exec ")).findFirst()
                .orElseThrow();
        assertThat(javaCommand).doesNotContain("CICompilerCount", "UseTransparentHugePages")
                .contains(" -XX:TieredStopAtLevel=4 ");
        assertThat(run.withoutReport()).isEqualTo(javaJar("advise", EXAMPLE.toString()));
    }

    /**
     * Options that bring back the optimising compiler from an argument file or a VM options file never show on the
     * command line: were the launcher to add -XX:CICompilerCount=1, the JVM would refuse it ("CICompilerCount (1)
     * must be at least 2"), where java -jar runs.
     */
    @ParameterizedTest
    @ValueSource(strings = {"@", "-XX:VMOptionsFile="})
    void optionsFromAFileThatChooseTheCompilersStillRunAsJavaJarRuns(String how) throws Exception {
        // Given the optimising compiler asked for in a file the JVM reads
        Path options = Files.writeString(temp.resolve("jvm-options"), "-XX:TieredStopAtLevel=4\n");
        Map<String, String> environment = Map.of("ALIPAY_KB_CDS", "off", "ALIPAY_KB_JAVA_OPTS", how + options);

        // When a short command runs through the launcher
        Run run = launcher(environment, "advise", EXAMPLE.toString());

        // Then it prints what java -jar with the same file prints
        List<String> javaJar = new ArrayList<>(List.of(JAVA, how + options, "-jar", jar.toString(), "advise",
                EXAMPLE.toString()));
        assertThat(run).isEqualTo(run(javaJar, Map.of(), null));
    }

    @Test
    void everyLineOfTheJavaOptionsReachesTheJvm() throws Exception {
        // Given Java options on two lines, the second one an option the JVM does not know
        Map<String, String> environment = Map.of("ALIPAY_KB_LAUNCHER_DEBUG", "1", "ALIPAY_KB_CDS", "off",
                "ALIPAY_KB_JAVA_OPTS", "-Xmx300m\n-XX:+AlipayKbNoSuchOption");

        // When a short command runs
        Run run = launcher(environment, "advise", EXAMPLE.toString());

        // Then the JVM was given both lines, and refused the second as java -jar does
        String javaCommand = run.report().stream().filter(line -> line.startsWith(REPORT + "exec ")).findFirst()
                .orElseThrow();
        assertThat(javaCommand).contains(" -Xmx300m -XX:+AlipayKbNoSuchOption ");
        assertThat(run.exit()).isNotZero();
        assertThat(run.withoutReport().err()).contains("AlipayKbNoSuchOption");
    }

    @ParameterizedTest
    @ValueSource(strings = {"batch", "watch"})
    void theLongRunningCommandsGetTheJvmsDefaults(String command) throws Exception {
        // Given the report of the java command line
        // When a long-running command runs
        Run run = launcher(Map.of("ALIPAY_KB_LAUNCHER_DEBUG", "1"), command, "--help");

        // Then the JVM gets neither the short-run options nor an archive, only the mark that keeps it the only JVM
        String javaCommand = run.report().stream().filter(line -> line.startsWith(REPORT + "exec ")).findFirst()
                .orElseThrow();
        assertThat(javaCommand).contains(" -Dalipaykb.shortRun=1 -jar ")
                .doesNotContain("-XX:TieredStopAtLevel", "-XX:+UseSerialGC", "SharedArchiveFile", "-Xlog",
                        "CICompilerCount", "UsePerfData", "UseTransparentHugePages");
        assertThat(run.withoutReport()).isEqualTo(javaJar(command, "--help"));
        assertThat(archives).doesNotExist();
    }

    @Test
    void batchReadsStandardInputAndExitsAsJavaJarDoes() throws Exception {
        // Given a decidable profile and a line that is not JSON, on standard input
        String input = PROFILE_LINE + "not json\n";

        // When batch decides them through the launcher and through java -jar
        Run launched = run(launcherCommand("batch", "--summary", "-"), Map.of(), input);
        Run expected = run(javaJarCommand("batch", "--summary", "-"), Map.of(), input);

        // Then the records and the exit code (1: a line could not be read) are the same
        assertThat(launched.exit()).isEqualTo(expected.exit()).isEqualTo(1);
        assertThat(launched.out()).isEqualTo(expected.out()).contains("\"tier\":\"PASSPORT_VERIFIED\"");
    }

    @Test
    void aUsageErrorPrintsAndExitsAsJavaJarDoes() throws Exception {
        // Given a file that does not exist
        // When the launcher advises on it (without an archive, which has no part in this)
        Run run = launcher(Map.of("ALIPAY_KB_CDS", "off"), "advise", "no-such-profile.yaml");

        // Then its message and exit code are java -jar's
        assertThat(run).isEqualTo(javaJar("advise", "no-such-profile.yaml"));
        assertThat(run.exit()).isEqualTo(2);
        assertThat(archives).doesNotExist();
    }

    @Test
    void aMissingJarIsNamedWithHowToBuildIt() throws Exception {
        // Given no jar where ALIPAY_KB_JAR points
        Path missing = temp.resolve("none/alipay-kb.jar");

        // When the launcher runs
        Run run = launcher(Map.of("ALIPAY_KB_JAR", missing.toString()), "advise", EXAMPLE.toString());

        // Then it says so in one line and exits with 2
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("alipay-kb: no jar at " + missing
                + "; build it with: mvn -B package -DskipTests\n");
    }

    @Test
    void theJarIsFoundBesideTheLaunchersFolderThroughALinkToIt() throws Exception {
        // Given a project folder with the launcher and its jar, and a link to the launcher elsewhere
        Path project = temp.resolve("project");
        Files.createDirectories(project.resolve("bin"));
        Files.createDirectories(project.resolve("target"));
        Files.copy(LAUNCHER, project.resolve("bin/alipay-kb"));
        Files.copy(jar, project.resolve("target/alipay-kb.jar"));
        Path link = Files.createSymbolicLink(temp.resolve("alipay-kb"), project.resolve("bin/alipay-kb"));
        Map<String, String> noJar = new TreeMap<>();
        noJar.put("ALIPAY_KB_JAR", null);

        // When the link runs without ALIPAY_KB_JAR
        Run run = run(List.of(link.toString(), "--version"), noJar, null);

        // Then the project's jar runs
        assertThat(run).isEqualTo(javaJar("--version"));
    }

    @Test
    void anArchiveFolderThatCannotBeMadeStillGivesTheOutput() throws Exception {
        // Given an archive folder inside a plain file, which nobody can make
        Path file = Files.writeString(temp.resolve("a-file"), "not a folder\n");
        Map<String, String> unmakeable = Map.of("ALIPAY_KB_CDS", file.resolve("archives").toString());

        // When the launcher advises, twice
        Run first = launcher(unmakeable, "advise", EXAMPLE.toString());
        Run second = launcher(unmakeable, "advise", EXAMPLE.toString());

        // Then both print what java -jar prints, and the file is as it was
        Run expected = javaJar("advise", EXAMPLE.toString());
        assertThat(List.of(first, second)).containsOnly(expected);
        assertThat(Files.readString(file)).isEqualTo("not a folder\n");
    }

    @Test
    void aReadOnlyArchiveFolderIsLeftAloneAndTheOutputIsTheSame() throws Exception {
        // Given an archive folder the user may not write (root may write anything: then this says nothing)
        assumeFalse("root".equals(System.getProperty("user.name")));
        Files.createDirectories(archives);
        assertThat(archives.toFile().setWritable(false, false)).isTrue();
        try {
            // When the launcher advises
            Run run = launcher(Map.of("ALIPAY_KB_LAUNCHER_DEBUG", "1"), "advise", EXAMPLE.toString());

            // Then it says it makes no archive, prints what java -jar prints, and the folder stays empty
            assertThat(run.report()).anyMatch(line -> line.endsWith(": none: the folder is not writable"));
            assertThat(run.withoutReport()).isEqualTo(javaJar("advise", EXAMPLE.toString()));
            assertThat(archiveFolderNames()).isEmpty();
        } finally {
            archives.toFile().setWritable(true, true);
        }
    }

    /** What a command printed and its exit code. */
    private record Run(int exit, String out, String err) {
        /** The launcher's report (ALIPAY_KB_LAUNCHER_DEBUG=1), one line each. */
        List<String> report() {
            return err.lines().filter(line -> line.startsWith(REPORT)).toList();
        }

        /** This run without the launcher's report. */
        Run withoutReport() {
            return new Run(exit, out, err.lines().filter(line -> !line.startsWith(REPORT))
                    .map(line -> line + "\n").collect(Collectors.joining()));
        }
    }

    private Map<String, String> withReportAndClassLog() {
        return Map.of("ALIPAY_KB_LAUNCHER_DEBUG", "1", "ALIPAY_KB_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog);
    }

    private Run launcher(Map<String, String> environment, String... arguments) throws Exception {
        return run(launcherCommand(arguments), environment, null);
    }

    private Run javaJar(String... arguments) throws Exception {
        return run(javaJarCommand(arguments), Map.of(), null);
    }

    private static List<String> launcherCommand(String... arguments) {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    private List<String> javaJarCommand(String... arguments) {
        List<String> command = new ArrayList<>(List.of(JAVA, "-jar", jar.toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    /**
     * Runs a command in the work folder, with this test's jar, archive folder, rules cache and config, none of
     * the JVM's option variables, and the given variables on top (a null value removes one); reads its output
     * to the end, as a caller piping it would.
     */
    private Run run(List<String> command, Map<String, String> environment, String input) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        Map<String, String> variables = builder.environment();
        variables.keySet().removeIf(name -> name.startsWith("ALIPAY_KB_") || name.equals("JAVA_TOOL_OPTIONS")
                || name.equals("JDK_JAVA_OPTIONS") || name.equals("_JAVA_OPTIONS"));
        variables.put("JAVA_HOME", System.getProperty("java.home"));
        variables.put("ALIPAY_KB_JAR", jar.toString());
        variables.put("ALIPAY_KB_CDS", archives.toString());
        variables.put("ALIPAY_KB_CACHE", temp.resolve("rules-cache").toString());
        variables.put("XDG_CONFIG_HOME", temp.resolve("config").toString());
        environment.forEach((name, value) -> {
            if (value == null) {
                variables.remove(name);
            } else {
                variables.put(name, value);
            }
        });
        Process process = builder.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try (var stdin = process.getOutputStream()) {
            if (input != null) {
                stdin.write(input.getBytes(UTF_8));
            }
        }
        String out = readAll(process.getInputStream());
        assertThat(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("%s ended", command).isTrue();
        return new Run(process.exitValue(), out, err.get());
    }

    private static String readAll(InputStream stream) {
        try {
            return new String(stream.readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Action<T> {
        T run() throws Exception;
    }

    private static <T> T unchecked(Action<T> action) {
        try {
            return action.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The names in the archive folder, hidden ones too, sorted; none when it does not exist. */
    private List<String> archiveFolderNames() throws IOException {
        if (!Files.isDirectory(archives)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(archives)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    /** The one archive in the folder. */
    private Path archive() throws IOException {
        List<String> archivesMade = archiveFolderNames().stream().filter(name -> name.endsWith(".jsa")).toList();
        assertThat(archivesMade).hasSize(1);
        return archives.resolve(archivesMade.get(0));
    }

    /**
     * Waits until an archive's key has been written since the given moment and no maker's temporary folder
     * is left, failing when a maker gave up (a .failed note) or after five minutes.
     */
    private void awaitArchiveMadeAfter(Instant since) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            List<String> names = archiveFolderNames();
            assertThat(names).as("a maker gave up").noneMatch(name -> name.endsWith(".failed"));
            boolean keyWritten = false;
            for (String name : names) {
                if (name.endsWith(".key")) {
                    keyWritten |= Files.getLastModifiedTime(archives.resolve(name)).toInstant().isAfter(since);
                }
            }
            if (keyWritten && names.stream().noneMatch(name -> name.startsWith(".making-"))) {
                return;
            }
            Thread.sleep(100);
        }
        fail("no archive was made in " + archives + ": " + archiveFolderNames());
    }

    /** Waits until no maker's temporary folder is left. */
    private void awaitNoMaker() throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (archiveFolderNames().stream().anyMatch(name -> name.startsWith(".making-"))) {
            assertThat(Instant.now()).as("a maker's temporary folder is left").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    /** The process of this user whose command line contains the text, once there is one. */
    private static ProcessHandle awaitProcess(String text) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            Optional<ProcessHandle> found = ProcessHandle.allProcesses()
                    .filter(process -> process.info().commandLine().map(line -> line.contains(text)).orElse(false))
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(20);
        }
        return fail("no process runs " + text);
    }

    private static void damage(Path archive, String damage) throws IOException {
        assertThat(archive.toFile().setWritable(true, true)).isTrue();
        byte[] whole = Files.readAllBytes(archive);
        switch (damage) {
            case "truncated" -> Files.write(archive, Arrays.copyOf(whole, whole.length / 2));
            case "overwritten" -> {
                byte[] garbage = new byte[whole.length];
                new Random(17).nextBytes(garbage);
                Files.write(archive, garbage);
            }
            case "one byte changed" -> {
                try (RandomAccessFile file = new RandomAccessFile(archive.toFile(), "rw")) {
                    file.seek(whole.length / 2);
                    file.write(~whole[whole.length / 2]);
                }
            }
            default -> throw new IllegalArgumentException(damage);
        }
    }

    /** Every file under the folders, with its size and time of last change. */
    private static Map<String, String> snapshot(Path... folders) throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (Path folder : folders) {
            if (!Files.exists(folder)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path file : walk.toList()) {
                    files.put(file.toString(), Files.size(file) + " " + Files.getLastModifiedTime(file));
                }
            }
        }
        return files;
    }
}
