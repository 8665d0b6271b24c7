package alipaykb.engine;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Properties;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.kie.api.definition.KiePackage;

/**
 * Compiled rule sets kept on disk between runs, so that a run whose rule files did not change skips
 * compiling them. An entry is named by the hash of the rule files' contents together with the build of
 * alipay-kb that compiled them: a changed rule file, or another build, never finds an old entry. An
 * entry that cannot be read is ignored (and compiled afresh); entries are written to a temporary name and
 * renamed, so a reader never sees half of one.
 */
public final class CompiledRulesCache {
    /** Where the jar carries the shipped rules compiled at build time. */
    private static final String SHIPPED = "/alipaykb/compiled-rules/";
    /** The environment variable that moves the cache, or turns it off with {@code off}. */
    public static final String ENVIRONMENT = "ALIPAY_KB_CACHE";

    private final Path folder;
    private final String build;

    public CompiledRulesCache(Path folder) {
        this.folder = folder;
        this.build = buildId();
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
        if (configured != null && !configured.isBlank()) {
            return new CompiledRulesCache(Path.of(configured));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new CompiledRulesCache(base.resolve("alipay-kb"));
    }

    /** The folder entries are kept in. */
    public Path folder() {
        return folder;
    }

    /**
     * The compiled packages of these rule files, or null when the cache does not hold them. The jar also
     * carries the shipped rules compiled at build time, so their first run needs no cache folder.
     */
    Collection<KiePackage> load(RuleSet rules) {
        Path entry = entry(rules);
        try {
            if (Files.isRegularFile(entry)) {
                return read(Files.newInputStream(entry));
            }
            InputStream shipped = CompiledRulesCache.class.getResourceAsStream(SHIPPED + entry.getFileName());
            return shipped == null ? null : read(shipped);
        } catch (IOException e) {
            return null;
        }
    }

    private static Collection<KiePackage> read(InputStream source) {
        try (InputStream file = new BufferedInputStream(source);
             ObjectInputStream in = new DroolsObjectInputStream(file, CompiledRulesCache.class.getClassLoader())) {
            Object read = in.readObject();
            if (!(read instanceof Collection<?> items) || !items.stream().allMatch(KiePackage.class::isInstance)) {
                return null;
            }
            Collection<KiePackage> packages = new ArrayList<>();
            items.forEach(item -> packages.add((KiePackage) item));
            return packages;
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** Keeps the compiled packages of these rule files; a failure to write only means no cache next time. */
    void store(RuleSet rules, Collection<KiePackage> packages) {
        Path entry = entry(rules);
        Path temporary = null;
        try {
            Files.createDirectories(folder);
            temporary = Files.createTempFile(folder, ".entry-", ".partial");
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(temporary));
                 ObjectOutputStream out = new DroolsObjectOutputStream(file)) {
                out.writeObject(new ArrayList<>(packages));
            }
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
                    // left for the next store to replace
                }
            }
        }
    }

    /** The file for a rule set: the hash of its contents and of this build. */
    Path entry(RuleSet rules) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(build.getBytes(StandardCharsets.UTF_8));
            for (RuleFile file : rules.files()) {
                digest.update(file.name().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(file.text().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return folder.resolve(HexFormat.of().formatHex(digest.digest()).substring(0, 32) + ".kbase");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /**
     * Compiles a rules folder into a cache folder: {@code mvn package} runs it to build the shipped rules
     * into the jar.
     *
     * @param args the rules folder and the cache folder
     */
    public static void main(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: CompiledRulesCache RULES_FOLDER CACHE_FOLDER");
        }
        CompiledRulesCache cache = new CompiledRulesCache(Path.of(args[1]));
        RuleSet rules = RuleSet.fromFolder(Path.of(args[0]));
        KnowledgeBase.compile(rules, cache);
        if (!Files.isRegularFile(cache.entry(rules))) {
            throw new IllegalStateException("the compiled rules could not be written to " + args[1]);
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
