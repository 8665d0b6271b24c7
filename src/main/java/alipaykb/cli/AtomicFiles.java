package alipaykb.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files so that a reader sees the old file or the whole new one, never a part: the text goes to a
 * temporary file beside the target, which is then renamed into place.
 */
final class AtomicFiles {
    private AtomicFiles() {
    }

    static void write(Path target, String text) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, "." + absolute.getFileName() + ".", ".partial");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            move(temporary, absolute);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Renames a finished temporary file into place, atomically where the file system allows. The file gets
     * the permissions of the one it replaces, or is readable by all when it is new (temporary files are
     * created readable by their owner only).
     */
    static void move(Path temporary, Path target) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.exists(target) ? Files.getPosixFilePermissions(target)
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
    }
}
