package alipaykb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A rule set names each file once, and a file's name is text the reports and the cache can key on. */
class RuleSetNamesTest {
    private static final String RULES = "package rules;\n";

    @Test
    void twoFilesOfOneNameAreRefused() {
        // Given two files of one name, with different texts
        List<RuleFile> files = List.of(new RuleFile("fees.drl", "/a/fees.drl", RULES),
                new RuleFile("fees.drl", "/b/fees.drl", RULES + "// another\n"));

        // When a rule set is made of them, Then it is refused, naming the file
        assertThatThrownBy(() -> RuleSet.of("/a", files)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two rule files are named fees.drl");
    }

    @Test
    void filesOfDistinctNamesMakeARuleSet() {
        // Given two files of distinct names, When a rule set is made of them, Then it holds both
        RuleSet rules = RuleSet.of("/a", List.of(new RuleFile("a.drl", "/a/a.drl", RULES),
                new RuleFile("b.drl", "/a/b.drl", RULES)));
        assertThat(rules.files()).extracting(RuleFile::name).containsExactly("a.drl", "b.drl");
    }

    @Test
    void aNameHoldingNulIsRefused() {
        // Given a name with the character NUL, which no file system's name holds
        // When a rule file is made with it, Then it is refused
        assertThatThrownBy(() -> new RuleFile("fees.drl\0x", "/a/fees.drl", RULES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
    }

    @Test
    void aRuleFileThatIsNotUtf8IsNamedWithItsLineAndColumn(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder)
            throws java.io.IOException {
        // Given a folder whose rule file holds bytes that are not UTF-8 on its second line
        byte[] text = "package rules;\nrule \"X\u0000\" end\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        text[22] = (byte) 0xFF;
        java.nio.file.Files.write(folder.resolve("bin.drl"), text);

        // When the folder is read, Then the file, line and column are named, and the byte
        assertThatThrownBy(() -> RuleSet.fromFolder(folder)).isInstanceOf(RuleLoadException.class)
                .hasMessageStartingWith("bin.drl:2:8: the file is not UTF-8 text: byte 0xFF");
    }
}
