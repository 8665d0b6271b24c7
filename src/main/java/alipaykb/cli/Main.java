package alipaykb.cli;

import alipaykb.facts.SafeText;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The alipay-kb command: advice for holders of foreign cards on funding and using Alipay, from editable
 * Drools rule files. Subcommands return exit codes: 0 success, 1 failed scenarios or unreadable input,
 * 2 usage errors. No command prints a stack trace.
 */
@Command(name = "alipay-kb", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "How a holder of foreign cards can fund and use Alipay, which limits apply and what each "
                + "payment costs, from editable Drools rule files.",
        subcommands = {AdviseCommand.class, TestCommand.class, CheckCommand.class, ExplainCommand.class, DiffCommand.class,
                WatchCommand.class, BatchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        // A thread that dies of an Error (out of memory, say) says so in one line, never with a stack trace.
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> System.err.println("error: " + thread.getName()
                + " stopped: " + error.getClass().getSimpleName()
                + (error.getMessage() == null ? "" : ": " + SafeText.oneLine(error.getMessage()))));
        if (ShortRun.wanted(args)) {
            int exit = ShortRun.run(args);
            if (exit >= 0) {
                System.exit(exit);
            }
        }
        System.exit(execute(args, new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8),
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8)));
    }

    /**
     * Runs a command line with its output and errors written to the given writers, through
     * {@link alipaykb.facts.SafeText} (see {@link Console}); the writers are closed at the end.
     *
     * @return the exit code
     */
    public static int execute(String[] args, Writer out, Writer err) {
        return Console.run(out, err, streams -> {
            try {
                CommandLine commandLine = commandLine(args);
                commandLine.setOut(streams.out());
                commandLine.setErr(streams.err());
                return commandLine.execute(args);
            } catch (OutOfMemoryError e) {
                streams.err().println("error: the run needs more memory than the JVM has (-Xmx); it was stopped");
                return ExitCodes.FAILED;
            } catch (Throwable e) {
                streams.err().println("error: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                streams.err().println("This is a fault in alipay-kb, not in your input; please report it with the "
                        + "command you ran.");
                return ExitCodes.FAILED;
            }
        });
    }

    /** The command line, ready to execute, writing to standard output and error as picocli finds them. */
    public static CommandLine commandLine() {
        return handlingFaults(new CommandLine(new Main()));
    }

    /**
     * The command line for these arguments. When they start with a short command's name, only that command is
     * read into it: picocli reads a command's every option when it is added, which would cost a short command
     * a good part of its start. Anything else (no command, help, a misspelt name) gets the whole command line.
     */
    static CommandLine commandLine(String[] args) {
        if (args.length == 0 || !ShortRun.SHORT.contains(args[0])) {
            return commandLine();
        }
        Command top = Main.class.getAnnotation(Command.class);
        CommandSpec spec = CommandSpec.create().name(top.name());
        Object command = switch (args[0]) {
            case "advise" -> new AdviseCommand();
            case "test" -> new TestCommand();
            case "check" -> new CheckCommand();
            case "explain" -> new ExplainCommand();
            case "diff" -> new DiffCommand();
            default -> throw new IllegalStateException("no short command " + args[0]);
        };
        return handlingFaults(new CommandLine(spec).addSubcommand(command));
    }

    private static CommandLine handlingFaults(CommandLine commandLine) {
        commandLine.setExecutionExceptionHandler((error, line, parseResult) -> {
            PrintWriter err = line.getErr();
            err.println("error: " + error.getClass().getSimpleName()
                    + (error.getMessage() == null ? "" : ": " + error.getMessage()));
            err.println("This is a fault in alipay-kb, not in your input; please report it with the command you ran.");
            return ExitCodes.FAILED;
        });
        return commandLine;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a command: advise or test.");
    }
}
