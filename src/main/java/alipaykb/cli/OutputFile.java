package alipaykb.cli;

import alipaykb.facts.SafeText;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * A file that a command writes its output to. A reader of the target sees the old file or the whole new one,
 * never a part: the text goes to a temporary file beside the target ({@code .NAME.RANDOM.partial}), which is
 * renamed into place only when complete, and deleted when the run fails or is stopped. A killed run cannot
 * delete it, but it holds a lock on it while it lives: the next run to the same target deletes every such
 * file that no live run holds.
 *
 * <p>Only a regular file, or a name not yet taken, is ever replaced. A symbolic link, a folder, a named pipe,
 * a socket or a block device is refused before anything is written; a character device (such as
 * {@code /dev/null}) is written through, as a user naming one means. A read-only file is refused too.
 *
 * <p>All text passes through {@link SafeText}: no card number and no control character reaches the file. The one
 * exception is {@link #replace}, which writes back a file the user wrote (a scenario file rewritten by
 * {@code test --update}) with its own characters, card numbers included, as they were.
 */
final class OutputFile implements Closeable {
    /** A target that must not be written, with why; a usage error. */
    static final class RefusedException extends IOException {
        RefusedException(Path target, String why) {
            super(SafeText.of(target.toString()) + ": " + why);
        }
    }

    private static final String SUFFIX = ".partial";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The file-type bits of a {@code unix:mode}. */
    private static final int TYPE_BITS = 0170000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int NAMED_PIPE = 0010000;
    private static final int BLOCK_DEVICE = 0060000;
    private static final int SOCKET = 0140000;

    private final Path target;
    private final Path temporary;
    private final FileChannel channel;
    private final FileLock lock;
    private final Writer writer;
    private final Thread cleanup;
    private boolean done;

    /** How text reaches the file: through {@link SafeText} as text or as JSON, or as it is. */
    enum Form {
        TEXT, JSON, VERBATIM
    }

    private OutputFile(Path target, Path temporary, FileChannel channel, FileLock lock, Form form) {
        this.target = target;
        this.temporary = temporary;
        this.channel = channel;
        this.lock = lock;
        Writer utf8 = new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8);
        this.writer = new BufferedWriter(switch (form) {
            case TEXT -> SafeText.writer(utf8);
            case JSON -> SafeText.jsonWriter(utf8);
            case VERBATIM -> utf8;
        }, 1 << 16);
        if (temporary != null) {
            cleanup = new Thread(() -> deleteQuietly(temporary), "output-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanup);
        } else {
            cleanup = null;
        }
    }

    /**
     * Checks that a target may be written, before any work is done.
     *
     * @return true when it is a character device, written through; false when it is a regular file or a
     * new name, replaced whole
     * @throws RefusedException when it is anything else
     */
    static boolean check(Path target) throws RefusedException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            Path folder = target.toAbsolutePath().getParent();
            if (folder != null && Files.exists(folder) && !Files.isDirectory(folder)) {
                throw new RefusedException(target, "its folder " + folder + " is not a folder");
            }
            return false;
        } catch (IOException e) {
            throw new RefusedException(target, "cannot be examined: " + e.getMessage());
        }
        if (attributes.isSymbolicLink()) {
            throw new RefusedException(target, "is a symbolic link; it is not replaced. Name the file it points to, "
                    + "or another file");
        }
        if (attributes.isDirectory()) {
            throw new RefusedException(target, "is a folder; name a file");
        }
        if (attributes.isRegularFile()) {
            if (!Files.isWritable(target) || readOnlyByMode(target)) {
                throw new RefusedException(target, "is read-only; it is not replaced");
            }
            return false;
        }
        int type;
        try {
            type = (Integer) Files.getAttribute(target, "unix:mode", LinkOption.NOFOLLOW_LINKS) & TYPE_BITS;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            throw new RefusedException(target, "is not a regular file; name a file");
        }
        return switch (type) {
            case CHARACTER_DEVICE -> true;
            case NAMED_PIPE -> throw new RefusedException(target, "is a named pipe; write to standard output and "
                    + "pipe that instead");
            case BLOCK_DEVICE -> throw new RefusedException(target, "is a block device; name a file");
            case SOCKET -> throw new RefusedException(target, "is a socket; name a file");
            default -> throw new RefusedException(target, "is not a regular file; name a file");
        };
    }

    /**
     * Whether a file's mode keeps even its owner from writing it: the user's mark that it is read-only, which
     * holds for a user who may write it anyway (root) too.
     */
    private static boolean readOnlyByMode(Path file) {
        try {
            return !Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)
                    .contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Whether an existing target is a rule file or a scenario file, by its name: never a report's or a batch's. */
    static boolean ruleOrScenarioFile(Path target) {
        String name = target.getFileName() == null ? "" : target.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return Files.exists(target) && (name.endsWith(".drl") || name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    /** Whether an output target is the same existing file as an input (through links too). */
    static boolean sameFile(Path target, Path input) {
        try {
            return Files.exists(target) && Files.exists(input) && Files.isSameFile(target, input);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Opens a target for writing: a temporary file beside it, or the device itself. Stale temporary files of
     * earlier runs to the same target are deleted first.
     */
    static OutputFile open(Path target) throws IOException {
        return open(target, Form.TEXT);
    }

    /**
     * Opens a target as {@link #open(Path)} does, for JSON the product writes ({@link SafeText#jsonWriter}): a run of
     * digits never spans its structure.
     */
    static OutputFile openJson(Path target) throws IOException {
        return open(target, Form.JSON);
    }

    private static OutputFile open(Path target, Form form) throws IOException {
        if (check(target)) {
            FileChannel device = FileChannel.open(target, StandardOpenOption.WRITE);
            return new OutputFile(target, null, device, null, form);
        }
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        Files.createDirectories(folder);
        String prefix = "." + absolute.getFileName() + ".";
        deleteStale(folder, prefix);
        while (true) {
            Path temporary = folder.resolve(prefix + HexFormat.of().toHexDigits(RANDOM.nextLong()) + SUFFIX);
            FileChannel channel;
            try {
                channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            try {
                return new OutputFile(absolute, temporary, channel, channel.lock(), form);
            } catch (IOException | RuntimeException e) {
                channel.close();
                deleteQuietly(temporary);
                throw e;
            }
        }
    }

    /** Writes a whole text to a target, replacing it only when all is written. */
    static void write(Path target, String text) throws IOException {
        try (OutputFile file = open(target)) {
            file.writer().write(text);
            file.commit();
        }
    }

    /**
     * Replaces a file with a new text of it, exactly as given: not through {@link SafeText}, whose masking would
     * change the card numbers a scenario file may hold. The file is replaced as {@link #write} replaces one.
     */
    static void replace(Path target, String text) throws IOException {
        try (OutputFile file = open(target, Form.VERBATIM)) {
            file.writer().write(text);
            file.commit();
        }
    }

    /** Where to write; buffered. */
    Writer writer() {
        return writer;
    }

    /**
     * Makes the output the target's: flushes it, and renames the temporary file into place, atomically where
     * the file system allows. The file gets the permissions of the one it replaces, or is readable by all when
     * it is new (temporary files are created readable by their owner only).
     */
    void commit() throws IOException {
        writer.flush();
        if (temporary == null) {
            done = true;
            return;
        }
        channel.force(false);
        check(target);
        try {
            Set<PosixFilePermission> permissions = Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                    ? Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS)
                    : PosixFilePermissions.fromString("rw-r--r--");
            Files.setPosixFilePermissions(temporary, permissions);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the defaults stand
        }
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
        done = true;
    }

    /** Ends the output: if it was not committed, the temporary file is deleted and the target left as it was. */
    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            // the output is being given up or is already complete
        }
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            // closing cannot lose anything more
        }
        if (temporary != null) {
            if (!done) {
                deleteQuietly(temporary);
            }
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // shutting down: the hook runs anyway
            }
        }
    }

    /** Deletes the temporary files named for this target that no live run holds: those of killed runs. */
    private static void deleteStale(Path folder, String prefix) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, file -> {
            String name = file.getFileName().toString();
            return name.startsWith(prefix) && name.endsWith(SUFFIX) && name.length() == prefix.length() + 16
                    + SUFFIX.length();
        })) {
            for (Path file : files) {
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    FileLock held = channel.tryLock();
                    if (held != null) {
                        Files.deleteIfExists(file);
                        held.release();
                    }
                } catch (IOException | OverlappingFileLockException e) {
                    // held by a live run, in this process or another, or not ours to delete
                }
            }
        } catch (IOException e) {
            // the folder cannot be listed: nothing to clean
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // nothing more to do
        }
    }
}
