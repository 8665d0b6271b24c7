package alipaykb.engine;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Compiled rule files kept on disk between runs, so that a run compiles only the files that changed. An
 * entry holds the classes one rule file compiled to, as plain bytes (never Java serialization), and is
 * used only when
 * <ul>
 *   <li>its name matches this very rule file and this very build (a hash of both),</li>
 *   <li>its contents carry a valid HMAC made with a key kept outside the cache folder
 *       ({@code $XDG_CONFIG_HOME/alipay-kb/cache.key}, readable by its owner only, and used only while it is
 *       the user's own and no one else may read or write it): an entry that was
 *       not written by alipay-kb after checking these rules is not used, and</li>
 *   <li>its classes pass {@link BytecodeVerifier} again, as if just compiled.</li>
 * </ul>
 * Anything else is ignored and the rules are compiled afresh. The folder keeps the
 * {@value #KEEP} entries used last; older ones, and temporary files left by an interrupted run, are
 * removed when a new entry is written.
 */
public final class CompiledRulesCache {
    /** Where the jar carries the shipped rules compiled at build time. */
    private static final String SHIPPED = "/alipaykb/compiled-rules/";
    /** The environment variable that moves the cache, or turns it off with {@code off}. */
    public static final String ENVIRONMENT = "ALIPAY_KB_CACHE";
    /** How many entries (one per version of a rule file) the folder keeps. */
    static final int KEEP = 64;
    private static final byte[] MAGIC = "alipay-kb compiled rules 3\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHIPPED_MAGIC = "alipay-kb shipped rules 3\n".getBytes(StandardCharsets.US_ASCII);
    private static final int MAC_BYTES = 32;
    private static final int MAX_ENTRY_BYTES = 64 * 1024 * 1024;
    private static final int MAX_CLASSES = 20_000;
    private static final Duration STALE_TEMPORARY = Duration.ofHours(1);

    private final Path folder;
    private final Path keyFile;
    private final String build;
    private final int keep;

    /** A cache in a folder, with its key in the standard place. */
    public CompiledRulesCache(Path folder) {
        this(folder, standardKeyFile());
    }

    /**
     * A cache in a folder, with its key in a file of its own.
     *
     * @throws IllegalArgumentException when the key file lies inside the cache folder
     */
    public CompiledRulesCache(Path folder, Path keyFile) {
        this(folder, keyFile, KEEP);
    }

    /** A cache that keeps a given number of entries. */
    CompiledRulesCache(Path folder, Path keyFile, int keep) {
        this.keep = keep;
        this.folder = folder;
        this.keyFile = keyFile;
        this.build = buildId();
        if (keyFile != null && keyFile.toAbsolutePath().normalize().startsWith(folder.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("the cache key " + keyFile + " may not lie inside the cache folder " + folder);
        }
    }

    /**
     * The cache the command line uses: {@code $ALIPAY_KB_CACHE}, else {@code $XDG_CACHE_HOME/alipay-kb},
     * else {@code ~/.cache/alipay-kb}; none when {@code ALIPAY_KB_CACHE=off}.
     */
    public static CompiledRulesCache standard() {
        String configured = System.getenv(ENVIRONMENT);
        if ("off".equalsIgnoreCase(configured)) {
            return null;
        }
        Path folder;
        if (configured != null && !configured.isBlank()) {
            folder = Path.of(configured);
        } else {
            String xdg = System.getenv("XDG_CACHE_HOME");
            Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
            folder = base.resolve("alipay-kb");
        }
        try {
            return new CompiledRulesCache(folder);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Path standardKeyFile() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("alipay-kb").resolve("cache.key");
    }

    /** The folder entries are kept in. */
    public Path folder() {
        return folder;
    }

    /**
     * The checked classes of this rule file, or null when the cache does not hold them. The jar carries the
     * shipped rules compiled, verified and instrumented at build time: those are taken from the jar, as they
     * are, and never written to the folder.
     */
    RuleCompiler.Checked load(RuleFile file, Supplier<RuleCatalog> catalog) {
        String name = entryName(file);
        try {
            RuleCompiler.Checked shipped = shipped(name, file.name());
            if (shipped != null) {
                return shipped;
            }
            Path entry = folder.resolve(name);
            if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                byte[] key = key(false);
                byte[] bytes;
                // Opened without following a link, and read no further than an entry may be, whatever was put there
                // since it was looked at.
                try (InputStream in = Files.newInputStream(entry, LinkOption.NOFOLLOW_LINKS)) {
                    bytes = in.readNBytes(MAX_ENTRY_BYTES + 1);
                }
                if (key != null && bytes.length <= MAX_ENTRY_BYTES) {
                    RuleCompiler.Checked checked = read(bytes, name, key, catalog, file.name());
                    if (checked != null) {
                        touch(entry);
                        return checked;
                    }
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The jar's own entry for a rule file, or null. The jar is code: its classes were verified and instrumented
     * when it was built, and are loaded as they are, as the jar's other classes are.
     */
    private static RuleCompiler.Checked shipped(String name, String file) throws IOException {
        byte[] bytes;
        try (InputStream in = CompiledRulesCache.class.getResourceAsStream(SHIPPED + name)) {
            if (in == null) {
                return null;
            }
            bytes = in.readNBytes(MAX_ENTRY_BYTES);
        }
        if (bytes.length < SHIPPED_MAGIC.length
                || !MessageDigest.isEqual(SHIPPED_MAGIC, java.util.Arrays.copyOf(bytes, SHIPPED_MAGIC.length))) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes, SHIPPED_MAGIC.length,
                bytes.length - SHIPPED_MAGIC.length))) {
            List<String> models = readNames(in);
            Map<String, byte[]> classes = readClasses(in);
            List<String> pairs = readNames(in);
            List<String> rules = readNames(in);
            List<String> functions = readNames(in);
            if (models == null || classes == null || pairs == null || pairs.size() % 2 != 0 || rules == null
                    || functions == null || in.available() != 0 || !classes.keySet().containsAll(models)) {
                return null;
            }
            Map<String, String> ruleOfClass = new LinkedHashMap<>();
            for (int i = 0; i < pairs.size(); i += 2) {
                ruleOfClass.put(pairs.get(i), pairs.get(i + 1));
            }
            return new RuleCompiler.Checked(Map.of(), Map.copyOf(classes), List.copyOf(models), Map.copyOf(ruleOfClass),
                    new RuleCompiler.Outline(file, rules, functions));
        }
    }

    /** A count and that many named classes, or null when a count is out of bounds. */
    private static Map<String, byte[]> readClasses(DataInputStream in) throws IOException {
        int classCount = in.readInt();
        if (classCount < 0 || classCount > MAX_CLASSES) {
            return null;
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (int i = 0; i < classCount; i++) {
            String className = in.readUTF();
            int length = in.readInt();
            if (length < 0 || length > in.available()) {
                return null;
            }
            classes.put(className, in.readNBytes(length));
        }
        return classes;
    }

    /** An entry's contents, when their HMAC holds (none is asked of the jar's own) and their classes verify. */
    private static RuleCompiler.Checked read(byte[] bytes, String name, byte[] key, Supplier<RuleCatalog> catalog,
                                             String file) {
        if (bytes.length < MAGIC.length + MAC_BYTES || !MessageDigest.isEqual(MAGIC, java.util.Arrays.copyOf(bytes, MAGIC.length))) {
            return null;
        }
        int bodyStart = MAGIC.length + MAC_BYTES;
        byte[] body = java.util.Arrays.copyOfRange(bytes, bodyStart, bytes.length);
        if (key != null) {
            byte[] mac = java.util.Arrays.copyOfRange(bytes, MAGIC.length, bodyStart);
            if (!MessageDigest.isEqual(mac, mac(key, name, body))) {
                return null;
            }
        }
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(body))) {
            List<String> models = readNames(in);
            Map<String, byte[]> classes = readClasses(in);
            List<String> rules = readNames(in);
            List<String> functions = readNames(in);
            if (models == null || classes == null || rules == null || functions == null || in.available() != 0
                    || !classes.keySet().containsAll(models)) {
                return null;
            }
            return RuleCompiler.verified(classes, models, new RuleCompiler.Outline(file, rules, functions), catalog,
                    AllowList.standard());
        } catch (IOException | RuleCompilationException e) {
            return null;
        }
    }

    /** A count and that many names, or null when the count is out of bounds. */
    private static List<String> readNames(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > MAX_CLASSES) {
            return null;
        }
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(in.readUTF());
        }
        return names;
    }

    private static void writeNames(DataOutputStream out, List<String> names) throws IOException {
        out.writeInt(names.size());
        for (String name : names) {
            out.writeUTF(name);
        }
    }

    /** Keeps the checked classes of a rule file; a failure to write only means no cache next time. */
    void store(RuleFile file, RuleCompiler.Checked checked) {
        if (!checked.whole()) {
            // An edit's rules alone, on a base kept in memory: the next process compiles the file whole.
            return;
        }
        byte[] key = key(true);
        if (key != null) {
            write(folder, entryName(file), checked, key);
            prune();
        }
    }

    private static void write(Path folder, String name, RuleCompiler.Checked checked, byte[] key) {
        Path temporary = null;
        try {
            Files.createDirectories(folder);
            byte[] body = body(checked);
            temporary = Files.createTempFile(folder, ".entry-", ".partial");
            try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(MAGIC);
                out.write(mac(key, name, body));
                out.write(body);
            }
            Path entry = folder.resolve(name);
            try {
                Files.move(temporary, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, entry, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            // Not fatal: the next run compiles again.
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    // removed by the next prune
                }
            }
        }
    }

    /** An entry of the folder: the classes as compiled, verified again whenever they are read. */
    static byte[] body(RuleCompiler.Checked checked) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeNames(out, checked.models());
            writeClasses(out, checked.compiled());
            writeNames(out, checked.outline().rules());
            writeNames(out, checked.outline().functions());
        }
        return bytes.toByteArray();
    }

    /** An entry of the jar: the classes as verified and instrumented, with the rule each belongs to. */
    static byte[] shippedEntry(RuleCompiler.Checked checked) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(SHIPPED_MAGIC);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeNames(out, checked.models());
            writeClasses(out, new java.util.TreeMap<>(checked.classes()));
            List<String> pairs = new ArrayList<>();
            new java.util.TreeMap<>(checked.ruleOfClass()).forEach((className, rule) -> {
                pairs.add(className);
                pairs.add(rule);
            });
            writeNames(out, pairs);
            writeNames(out, checked.outline().rules());
            writeNames(out, checked.outline().functions());
        }
        return bytes.toByteArray();
    }

    private static void writeClasses(DataOutputStream out, Map<String, byte[]> classes) throws IOException {
        out.writeInt(classes.size());
        for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeInt(entry.getValue().length);
            out.write(entry.getValue());
        }
    }

    /** Keeps the entries used last, and removes temporary files an interrupted run left behind. */
    void prune() {
        List<Path> entries = new ArrayList<>();
        Instant stale = Instant.now().minus(STALE_TEMPORARY);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                if (fileName.endsWith(".kbase") && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    entries.add(file);
                } else if (fileName.startsWith(".entry-") && fileName.endsWith(".partial")
                        && Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(stale)) {
                    Files.deleteIfExists(file);
                }
            }
            entries.sort(Comparator.comparing(CompiledRulesCache::modified).reversed());
            for (Path old : entries.subList(Math.min(keep, entries.size()), entries.size())) {
                Files.deleteIfExists(old);
            }
        } catch (IOException | RuntimeException e) {
            // pruned next time
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static void touch(Path entry) {
        try {
            Files.setLastModifiedTime(entry, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // its age only decides when it is pruned
        }
    }

    /** The key that signs entries, made on first use, readable by its owner only; null when it cannot be had. */
    private byte[] key(boolean create) {
        if (keyFile == null) {
            return null;
        }
        try {
            if (!Files.exists(keyFile, LinkOption.NOFOLLOW_LINKS) && create) {
                Files.createDirectories(keyFile.getParent());
                byte[] fresh = new byte[MAC_BYTES];
                new SecureRandom().nextBytes(fresh);
                Path temporary = keyFile.resolveSibling(".cache.key-" + System.nanoTime());
                try {
                    Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(temporary);
                }
                Files.write(temporary, fresh);
                try {
                    Files.move(temporary, keyFile, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException e) {
                    Files.deleteIfExists(temporary);
                }
            }
            if (!Files.isRegularFile(keyFile, LinkOption.NOFOLLOW_LINKS) || !ownersOnly(keyFile)) {
                return null;
            }
            byte[] key = Files.readAllBytes(keyFile);
            return key.length == MAC_BYTES ? key : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Whether a key file is this user's and no one else may read or write it (where the file system has
     * owners and permissions): a key another user can read, or could have written, signs nothing.
     */
    private static boolean ownersOnly(Path file) throws IOException {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            return true;
        }
        if (!java.util.Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)
                .containsAll(attributes.permissions())) {
            return false;
        }
        try {
            return attributes.owner().equals(file.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name")));
        } catch (java.nio.file.attribute.UserPrincipalNotFoundException e) {
            // a user the system has no name for (a container's, say): the permissions alone decide
            return true;
        }
    }

    static byte[] mac(byte[] key, String name, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(name.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    }

    /** The entry's file name for a rule file: the hash of its name, its text and this build. */
    String entryName(RuleFile file) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(build.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(file.name().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(file.text().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest()).substring(0, 32) + ".kbase";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** Whether the jar or the folder holds an entry for this rule file (valid or not). */
    boolean holds(RuleFile file) {
        return CompiledRulesCache.class.getResource(SHIPPED + entryName(file)) != null
                || Files.isRegularFile(entry(file), LinkOption.NOFOLLOW_LINKS);
    }

    /** The file of a rule file's entry. */
    Path entry(RuleFile file) {
        return folder.resolve(entryName(file));
    }

    /**
     * Compiles a rules folder into the jar's folder of shipped entries: {@code mvn package} runs it. The jar
     * is code, so its entries carry no HMAC: they hold the classes as verified and instrumented here, and are
     * loaded as they are, as the jar's other classes are.
     *
     * @param args the rules folder and the folder to write to
     */
    public static void main(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: CompiledRulesCache RULES_FOLDER OUTPUT_FOLDER");
        }
        RuleSet rules = RuleSet.fromFolder(Path.of(args[0]));
        // Entries of an earlier build are left out of the jar: each build ships its own rules only.
        Path output = Path.of(args[1]);
        if (Files.isDirectory(output)) {
            try (var earlier = Files.list(output)) {
                for (Path entry : earlier.filter(path -> path.getFileName().toString().endsWith(".kbase")).toList()) {
                    Files.delete(entry);
                }
            } catch (IOException e) {
                throw new IllegalStateException("the compiled rules of an earlier build could not be removed from "
                        + output + ": " + e.getMessage(), e);
            }
        }
        CompiledRulesCache shipped = new CompiledRulesCache(output, null);
        RuleCatalog catalog = RuleCatalog.read(rules);
        RuleCompiler.check(rules, catalog, AllowList.standard(), null);
        try {
            Files.createDirectories(output);
            for (RuleFile file : rules.files()) {
                RuleCompiler.Checked checked = RuleCompiler.check(RuleSet.of(rules.origin(), List.of(file)), catalog,
                        AllowList.standard(), null).get(0);
                Files.write(shipped.entry(file), shippedEntry(checked));
            }
        } catch (IOException e) {
            throw new IllegalStateException("the compiled rules could not be written to " + output + ": " + e.getMessage(), e);
        }
    }

    /** What identifies this build: its version, its Drools and its build time. */
    private static String buildId() {
        Properties properties = new Properties();
        try (InputStream in = CompiledRulesCache.class.getResourceAsStream("/alipaykb/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // an unknown build: entries are still told apart by the properties that were read
        }
        return properties.getProperty("version", "?") + "/" + properties.getProperty("drools", "?") + "/"
                + properties.getProperty("built", String.valueOf(System.nanoTime()));
    }
}
