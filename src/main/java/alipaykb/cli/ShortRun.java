package alipaykb.cli;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The short commands (check, test, advise, explain, diff) run in a JVM tuned for a short life: the
 * quick just-in-time compiler only and the serial collector, which take a fresh run's compiling of
 * the rules and its scenarios from about 5 s to under 3 s. {@code java -jar alipay-kb.jar} cannot set
 * JVM options, so the command starts itself once more with them, passing its input, output, arguments
 * and exit code through. {@code batch} and {@code watch}, which run long, keep the JVM's defaults, and
 * {@code ALIPAY_KB_RELAUNCH=off} turns this off. {@code bin/alipay-kb} starts the JVM with such options
 * itself, and sets the mark that tells this class a second JVM is not needed.
 */
final class ShortRun {
    /** The short commands; bin/alipay-kb gives the same ones its short-run options. */
    static final Set<String> SHORT = Set.of("check", "test", "advise", "explain", "diff");
    private static final String MARK = "alipaykb.shortRun";
    private static final List<String> OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private ShortRun() {
    }

    /** Whether this run should start itself again with options for short runs. */
    static boolean wanted(String[] args) {
        if (args.length == 0 || !SHORT.contains(args[0]) || System.getProperty(MARK) != null
                || "off".equalsIgnoreCase(System.getenv("ALIPAY_KB_RELAUNCH"))) {
            return false;
        }
        if (!blank(System.getenv("JDK_JAVA_OPTIONS")) || !blank(System.getenv("JAVA_TOOL_OPTIONS"))) {
            return false;
        }
        List<String> jvm = jvmOptions();
        return jvm != null && jvm.stream().allMatch(ShortRun::understood);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /**
     * Options passed on to the second JVM as they are: system properties, heap and stack sizes, assertions.
     * With any other (a collector, a compiler setting, an agent, a module option, an argument file) the
     * command runs in this JVM, as it was started.
     */
    static boolean understood(String option) {
        return option.startsWith("-D") || option.startsWith("-Xmx") || option.startsWith("-Xms")
                || option.startsWith("-Xss") || option.equals("-ea") || option.equals("-da")
                || option.startsWith("-ea:") || option.startsWith("-da:");
    }

    /** The options this JVM was started with (those before -jar, -cp or the main class), or null if unknown. */
    private static List<String> jvmOptions() {
        String[] arguments = ProcessHandle.current().info().arguments().orElse(null);
        if (arguments == null) {
            return null;
        }
        List<String> options = new ArrayList<>();
        for (String argument : arguments) {
            if (!argument.startsWith("-") || argument.equals("-jar") || argument.equals("-cp")
                    || argument.equals("-classpath") || argument.equals("--class-path")) {
                return options;
            }
            options.add(argument);
        }
        return null;
    }

    /** Runs the command in a JVM started with the short-run options; its exit code, or -1 when it cannot start. */
    static int run(String[] args) {
        String java = ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions());
        command.addAll(OPTIONS);
        command.add("-D" + MARK + "=1");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        try {
            Process child = new ProcessBuilder(command).inheritIO().start();
            Thread stop = new Thread(child::destroy, "alipay-kb stop");
            Runtime.getRuntime().addShutdownHook(stop);
            int exit = child.waitFor();
            Runtime.getRuntime().removeShutdownHook(stop);
            return exit;
        } catch (IOException | IllegalStateException | SecurityException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }
}
