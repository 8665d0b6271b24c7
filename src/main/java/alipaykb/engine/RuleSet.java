package alipaykb.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The rule files of a knowledge base, read from a folder or from the copy embedded in the jar, and
 * the version that names them: a hash of their names and contents.
 */
public final class RuleSet {
    /** Where the jar carries the shipped rules. */
    static final String EMBEDDED_FOLDER = "alipaykb/embedded-rules";
    /** The name shown for the embedded rules. */
    public static final String EMBEDDED = "(embedded rules)";

    private final String origin;
    private final List<RuleFile> files;
    private final String version;

    private RuleSet(String origin, List<RuleFile> files) {
        this.origin = origin;
        this.files = files.stream().sorted(Comparator.comparing(RuleFile::name)).toList();
        this.version = hash(this.files);
    }

    /**
     * A rule set made of the given files, in any order.
     *
     * @throws IllegalArgumentException when two of the files have one name
     */
    public static RuleSet of(String origin, List<RuleFile> files) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (RuleFile file : files) {
            if (!names.add(file.name())) {
                throw new IllegalArgumentException("two rule files are named " + file.name()
                        + ": a rule set names each file once");
            }
        }
        return new RuleSet(Objects.requireNonNull(origin, "origin"), List.copyOf(files));
    }

    /**
     * Reads every {@code .drl} file of a folder and its subfolders.
     *
     * @throws RuleLoadException when the folder does not exist, is not a folder, holds no rule file or cannot be read
     */
    public static RuleSet fromFolder(Path folder) {
        if (!Files.exists(folder)) {
            throw new RuleLoadException("rules folder " + folder + " does not exist (looked for " + folder.toAbsolutePath()
                    + "). Hint: the rules built into alipay-kb need no folder: KnowledgeBase.embedded() in Java, or no"
                    + " --rules on the command line");
        }
        if (!Files.isDirectory(folder)) {
            throw new RuleLoadException("rules folder " + folder + " is not a folder");
        }
        List<RuleFile> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.filter(p -> p.toString().endsWith(".drl") && Files.isRegularFile(p)).sorted().toList()) {
                String name = folder.relativize(path).toString().replace('\\', '/');
                files.add(new RuleFile(name, path.toString(), utf8(name, Files.readAllBytes(path))));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new RuleLoadException("cannot read rules folder " + folder + ": " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new RuleLoadException("rules folder " + folder + " holds no .drl file");
        }
        return new RuleSet(folder.toString(), files);
    }

    /** A rule file's text, which must be UTF-8: else the file's line and column where it is not are named. */
    private static String utf8(String name, byte[] bytes) {
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length);
        java.nio.charset.CoderResult result = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new RuleLoadException(name + ":" + line + ":" + (at - lineStart + 1) + ": the file is not UTF-8 text:"
                    + " byte 0x" + String.format("%02X", bytes[at] & 0xFF) + " does not belong there. Hint: save the"
                    + " rule file as UTF-8.");
        }
        return out.flip().toString();
    }

    /** The shipped rules that the jar carries. */
    public static RuleSet embedded() {
        URL url = RuleSet.class.getClassLoader().getResource(EMBEDDED_FOLDER);
        if (url == null) {
            throw new RuleLoadException("this build carries no embedded rules");
        }
        try {
            if ("jar".equals(url.getProtocol())) {
                // The jar the class path opened already: its entries are listed without a file system of their own.
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                connection.setUseCaches(true);
                return fromJar(connection.getJarFile());
            }
            return fromEmbeddedFolder(Path.of(url.toURI()));
        } catch (URISyntaxException | IOException | ClassCastException e) {
            throw new RuleLoadException("cannot read the embedded rules: " + e.getMessage());
        }
    }

    private static RuleSet fromJar(JarFile jar) throws IOException {
        String prefix = EMBEDDED_FOLDER + "/";
        List<RuleFile> files = new ArrayList<>();
        for (JarEntry entry : java.util.Collections.list(jar.entries())) {
            String entryName = entry.getName();
            if (!entry.isDirectory() && entryName.startsWith(prefix) && entryName.endsWith(".drl")) {
                String name = entryName.substring(prefix.length());
                try (InputStream in = jar.getInputStream(entry)) {
                    files.add(new RuleFile(name, EMBEDDED + "/" + name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
        }
        if (files.isEmpty()) {
            throw new RuleLoadException("cannot read the embedded rules: the jar holds none");
        }
        return new RuleSet(EMBEDDED, files);
    }

    private static RuleSet fromEmbeddedFolder(Path folder) throws IOException {
        List<RuleFile> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.filter(p -> p.toString().endsWith(".drl")).sorted().toList()) {
                String name = folder.relativize(path).toString().replace('\\', '/');
                try (InputStream in = Files.newInputStream(path)) {
                    files.add(new RuleFile(name, EMBEDDED + "/" + name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            throw new RuleLoadException("cannot read the embedded rules: " + e.getMessage());
        }
        return new RuleSet(EMBEDDED, files);
    }

    /** Where the rules were read from: a folder, or {@link #EMBEDDED}. */
    public String origin() {
        return origin;
    }

    /** The rule files, by name. */
    public List<RuleFile> files() {
        return files;
    }

    /** A short hash of the rule files' names and contents: equal rule files give equal versions. */
    public String version() {
        return version;
    }

    private static String hash(List<RuleFile> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (RuleFile file : files) {
                digest.update(file.name().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(file.text().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            String version = HexFormat.of().formatHex(digest.digest()).substring(0, 12);
            // Twelve decimal digits in a row are masked in every output as a card number would be: a version
            // that happens to be all digits ends in a letter instead.
            return version.chars().allMatch(Character::isDigit)
                    ? version.substring(0, 11) + (char) ('a' + (version.charAt(11) - '0') % 6) : version;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
