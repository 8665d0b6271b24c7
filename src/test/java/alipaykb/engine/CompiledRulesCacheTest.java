package alipaykb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compiled-rules cache entry is used only when this build wrote it, for these rule files, with the
 * key the cache folder does not hold, and its classes verify again; nothing is read with Java
 * serialization, and the folder keeps only the entries used last.
 */
class CompiledRulesCacheTest {
    private static final String SMALL = """
            package rules;

            import alipaykb.facts.User;

            rule "A user is counted"
                @source("seed")
            when
                User()
            then
                insert( Integer.valueOf(%d) );
            end
            """;

    @TempDir
    Path temp;

    private static RuleSet small(int number) {
        return RuleSet.of("test", List.of(file(number)));
    }

    private static RuleFile file(int number) {
        return new RuleFile("small.drl", "small.drl", SMALL.formatted(number));
    }

    private static RuleCompiler.Checked checkedFile(RuleSet rules, AllowList allowList) {
        return RuleCompiler.check(rules, RuleCatalog.read(rules), allowList, null).get(0);
    }

    private CompiledRulesCache cache() {
        return new CompiledRulesCache(temp.resolve("cache"), temp.resolve("config").resolve("cache.key"));
    }

    @Test
    void anEntryWrittenForTheseRulesIsUsed() {
        // Given rules compiled once through the cache
        RuleSet rules = small(1);
        CompiledRulesCache cache = cache();
        KnowledgeBase.compile(rules, cache);

        // When they are looked up again
        RuleCompiler.Checked cached = cache.load(rules.files().get(0), () -> RuleCatalog.read(rules));

        // Then the entry is there, verified, and the key lies outside the cache folder, readable by its owner only
        assertThat(cached).isNotNull();
        assertThat(cached.models()).isNotEmpty();
        assertThat(Files.isRegularFile(temp.resolve("config/cache.key"))).isTrue();
    }

    @Test
    void aPlantedEntryWithoutTheKeysSignatureIsNotUsed() throws IOException {
        // Given an entry at the name the clean rules' entry would have, written by someone without the key
        RuleSet rules = small(1);
        CompiledRulesCache cache = cache();
        RuleCompiler.Checked other = checkedFile(small(2), AllowList.standard());
        Files.createDirectories(cache.folder());
        Files.write(cache.entry(rules.files().get(0)), entryBytes(other, new byte[32]));

        // When the clean rules are loaded through the cache
        RuleCompiler.Checked cached = cache.load(rules.files().get(0), () -> RuleCatalog.read(rules));
        KnowledgeBase knowledgeBase = KnowledgeBase.compile(rules, cache);

        // Then the planted entry is not used: the rules are compiled afresh and decide as the files say
        assertThat(cached).isNull();
        assertThat(knowledgeBase.explain(Profiles.withoutPayments(Profiles.threeCards())).decision().rulesVersion())
                .isEqualTo(rules.version());
    }

    @Test
    void anEntrySignedForOtherRulesIsNotUsedForThese() throws IOException {
        // Given a genuine entry of other rules, copied to the name of these rules' entry
        CompiledRulesCache cache = cache();
        KnowledgeBase.compile(small(2), cache);
        Files.copy(cache.entry(file(2)), cache.entry(file(1)));

        // When these rules are looked up
        RuleCompiler.Checked cached = cache.load(file(1), () -> RuleCatalog.read(small(1)));

        // Then the copy is not used: the signature covers the entry's name, made from the rule files
        assertThat(cached).isNull();
    }

    @Test
    void aSignedEntryWhoseClassesDoNotVerifyIsNotUsed() throws IOException {
        // Given rules that call a member outside the standard list, compiled with a wider list, and signed
        String text = "package rules;\nimport alipaykb.facts.User;\nimport alipaykb.engine.ThrowingCalls;\n"
                + "rule \"Calls outside the list\"\n    @source(\"seed\")\nwhen\n    User()\nthen\n"
                + "    ThrowingCalls.error(null);\nend\n";
        RuleSet wide = RuleSet.of("test", List.of(new RuleFile("small.drl", "small.drl", text)));
        RuleCompiler.Checked outside = checkedFile(wide, AllowList.standardWith("alipaykb.engine.ThrowingCalls *"));
        CompiledRulesCache cache = cache();
        KnowledgeBase.compile(small(1), cache);
        byte[] key = Files.readAllBytes(temp.resolve("config/cache.key"));
        Files.write(cache.entry(file(1)), signedEntryBytes(outside, cache.entryName(file(1)), key));

        // When the clean rules are looked up
        RuleCompiler.Checked cached = cache.load(file(1), () -> RuleCatalog.read(small(1)));

        // Then the entry is verified again, and refused
        assertThat(cached).isNull();
    }

    @Test
    void aJavaSerializedEntryIsNeverDeserialized() throws IOException {
        // Given a Java serialization stream where an entry should be
        CompiledRulesCache cache = cache();
        Files.createDirectories(cache.folder());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(List.of("a", "b")));
        }
        Files.write(cache.entry(file(1)), bytes.toByteArray());

        // When the rules are looked up
        RuleCompiler.Checked cached = cache.load(file(1), () -> RuleCatalog.read(small(1)));

        // Then it is not an entry
        assertThat(cached).isNull();
    }

    @Test
    void aSymbolicLinkInPlaceOfAnEntryIsNotFollowed() throws IOException {
        // Given a genuine entry of other rules, linked to under these rules' entry name
        CompiledRulesCache cache = cache();
        KnowledgeBase.compile(small(2), cache);
        Files.createSymbolicLink(cache.entry(file(1)), cache.entry(file(2)));

        // When these rules are looked up
        RuleCompiler.Checked cached = cache.load(file(1), () -> RuleCatalog.read(small(1)));

        // Then the link is not followed
        assertThat(cached).isNull();
    }

    @Test
    void theFolderKeepsOnlyTheEntriesUsedLastAndRemovesStaleTemporaryFiles() throws IOException {
        // Given a cache that keeps three entries, and a temporary file left by an interrupted run two hours ago
        CompiledRulesCache cache = new CompiledRulesCache(temp.resolve("cache"), temp.resolve("config/cache.key"), 3);
        Files.createDirectories(cache.folder());
        Path stale = Files.writeString(cache.folder().resolve(".entry-123.partial"), "half");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minusSeconds(7200)));

        // When more different rule files than the cache keeps are compiled through it
        for (int i = 0; i < 6; i++) {
            KnowledgeBase.compile(small(i), cache);
        }

        // Then the folder holds the entries used last, and no stale temporary file
        try (Stream<Path> files = Files.list(cache.folder())) {
            List<String> names = files.map(file -> file.getFileName().toString()).toList();
            assertThat(names).hasSize(3).allMatch(name -> name.endsWith(".kbase"));
            assertThat(names).contains(cache.entryName(file(5)));
        }
    }

    @Test
    void aKeyInsideTheCacheFolderIsRefused() {
        // Given a key file inside the cache folder
        Path folder = temp.resolve("cache");

        // When a cache is made with it
        IllegalArgumentException refused = catchThrowableOfType(IllegalArgumentException.class,
                () -> new CompiledRulesCache(folder, folder.resolve("cache.key")));

        // Then it is refused: whoever writes entries could sign them
        assertThat(refused).hasMessageContaining("may not lie inside the cache folder");
    }

    /** An entry's bytes as the cache writes them, with the given signature. */
    private static byte[] entryBytes(RuleCompiler.Checked checked, byte[] signature) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("alipay-kb compiled rules 2\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(signature);
        out.write(CompiledRulesCache.body(checked));
        return out.toByteArray();
    }

    private static byte[] signedEntryBytes(RuleCompiler.Checked checked, String name, byte[] key) throws IOException {
        return entryBytes(checked, CompiledRulesCache.mac(key, name, CompiledRulesCache.body(checked)));
    }
}
