package alipaykb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import alipaykb.decisions.AdviceCode;
import alipaykb.facts.App;
import alipaykb.facts.Profile;
import alipaykb.facts.User;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Planted or altered cache entries are not used: an entry moved to another file's name, altered, or signed with another key. */
class CacheForgeryTest {
    private static String text(String code, String tag) {
        return "package rules;\nimport alipaykb.facts.User;\nimport alipaykb.decisions.Advice;\n"
                + "import alipaykb.decisions.AdviceCode;\nimport alipaykb.decisions.Provenance;\nimport java.util.List;\n\n"
                + "rule \"Advice " + tag + "\"\n    @source(\"seed\")\nwhen\n    User()\nthen\n"
                + "    insertLogical( new Advice(AdviceCode." + code + ", List.of(\"x\"), Provenance.of(drools)) );\nend\n";
    }

    private static List<AdviceCode> advice(KnowledgeBase kb) {
        Profile profile = Profile.builder().asOf(LocalDate.of(2025, 6, 1))
                .user(User.builder("US").inMainlandChina(true).app(App.MAINLAND).build()).build();
        return kb.evaluate(profile).advice().stream().map(advice -> advice.code()).toList();
    }

    @Test
    void anEntryMovedToAnotherFilesNameOrAlteredOrSignedWithAnotherKeyIsNotUsed(@TempDir Path dir) throws Exception {
        CompiledRulesCache cache = new CompiledRulesCache(dir.resolve("cache"), dir.resolve("config/cache.key"));
        String tag = UUID.randomUUID().toString().substring(0, 8);
        RuleFile raise = new RuleFile("planted.drl", "/tmp/planted.drl", text("RAISE_LIMITS", tag));
        KnowledgeBase.compile(RuleSet.of("/tmp", List.of(raise)), cache);
        byte[] valid = Files.readAllBytes(cache.entry(raise));

        // 1. the entry of a file that gives RAISE_LIMITS, planted under the name of one that gives VERIFY_PASSPORT
        RuleFile verify = new RuleFile("planted.drl", "/tmp/planted.drl", text("VERIFY_PASSPORT", tag));
        Files.write(cache.entry(verify), valid);
        assertThat(advice(KnowledgeBase.compile(RuleSet.of("/tmp", List.of(verify)), cache)))
                .containsExactly(AdviceCode.VERIFY_PASSPORT);

        // 2. a valid entry with one byte of its body changed
        RuleFile verify2 = new RuleFile("planted.drl", "/tmp/planted.drl", text("VERIFY_PASSPORT", tag + "b"));
        RuleFile raise2 = new RuleFile("planted.drl", "/tmp/planted.drl", text("RAISE_LIMITS", tag + "b"));
        KnowledgeBase.compile(RuleSet.of("/tmp", List.of(raise2)), cache);
        byte[] altered = Files.readAllBytes(cache.entry(raise2));
        altered[altered.length - 1] ^= 1;
        Files.write(cache.entry(raise2), altered);
        // a new process: nothing in memory (the entry is read again through another cache object of the same folder)
        assertThat(CompiledRulesCacheAccess.load(cache, raise2)).isNull();

        // 3. an entry signed with another key
        CompiledRulesCache otherKey = new CompiledRulesCache(dir.resolve("cache"), dir.resolve("config2/cache.key"));
        assertThat(CompiledRulesCacheAccess.load(otherKey, raise)).isNull();
        assertThat(CompiledRulesCacheAccess.load(cache, raise)).isNotNull();
        assertThat(verify2).isNotNull();
    }

    @Test
    void aKeyThatOthersMayReadOrWriteSignsNothing(@TempDir Path dir) throws Exception {
        // Given a cache that holds a valid entry, signed with its key
        Path keyFile = dir.resolve("config/cache.key");
        CompiledRulesCache cache = new CompiledRulesCache(dir.resolve("cache"), keyFile);
        RuleFile file = new RuleFile("keyed.drl", "/tmp/keyed.drl",
                text("RAISE_LIMITS", UUID.randomUUID().toString().substring(0, 8)));
        KnowledgeBase.compile(RuleSet.of("/tmp", List.of(file)), cache);
        assertThat(CompiledRulesCacheAccess.load(cache, file)).isNotNull();

        for (String others : List.of("rw-r-----", "rw----r--", "rw--w----", "rw-----w-")) {
            // When the key file's permissions let someone else read or write it
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString(others));

            // Then no entry is taken on its signature
            assertThat(CompiledRulesCacheAccess.load(cache, file)).as(others).isNull();
        }

        // And with the owner's permissions only, the entry is taken again
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        assertThat(CompiledRulesCacheAccess.load(cache, file)).isNotNull();
    }

    /** Reaches the cache's package-private reader. */
    static final class CompiledRulesCacheAccess {
        static RuleCompiler.Checked load(CompiledRulesCache cache, RuleFile file) {
            return cache.load(file, () -> RuleCatalog.read(RuleSet.of("/tmp", List.of(file))));
        }
    }
}
