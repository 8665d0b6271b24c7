package alipaykb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The allow-list README.md shows is the one the build carries, and it names what it means to. */
class AllowListTest {
    private static final String START = "<!-- allowed-members:start -->\n";
    private static final String END = "<!-- allowed-members:end -->";

    @Test
    void theReadmeShowsTheListAsTheBuildCarriesIt() throws IOException {
        // Given the README
        String readme = Files.readString(Path.of("README.md"));

        // When its list is cut out
        String shown = readme.substring(readme.indexOf(START) + START.length(), readme.indexOf(END));

        // Then it is the list rendered from allowed-members.txt (regenerate with: check --allowed)
        assertThat(shown).isEqualTo(AllowList.standard().render());
    }

    @Test
    void everyListedClassAndMemberExists() {
        // Given the standard list
        AllowList list = AllowList.standard();

        // When every class and member it names is looked up
        // Then each exists: a typo would silently allow nothing, or a renamed member go unnoticed
        org.assertj.core.api.SoftAssertions.assertSoftly(softly -> list.sections().forEach(section ->
                section.members().forEach((type, names) -> {
                    Class<?> found = load(type);
                    for (String name : names) {
                        softly.assertThat(name.equals("*") || declares(found, name)).as(type + " declares " + name).isTrue();
                    }
                })));
    }

    @Test
    void noMemberThatReachesOutsideTheDecisionIsListed() {
        // Given members that reach files, processes, reflection, JVM-wide state or the engine itself
        AllowList list = AllowList.standard();

        // When the list is asked about them
        // Then none is allowed
        assertThat(list.allows(System.class, "exit")).isFalse();
        assertThat(list.allows(System.class, "setProperty")).isFalse();
        assertThat(list.allows(Object.class, "getClass")).isFalse();
        assertThat(list.allows(Class.class, "forName")).isFalse();
        assertThat(list.allows(java.util.Locale.class, "setDefault")).isFalse();
        assertThat(list.allows(java.util.TimeZone.class, "setDefault")).isFalse();
        assertThat(list.allows(java.time.LocalDate.class, "now")).isFalse();
        assertThat(list.allows(String.class, "repeat")).isFalse();
        assertThat(list.allows(java.util.List.class, "add")).isFalse();
        assertThat(list.allows(java.math.BigDecimal.class, "pow")).isFalse();
        assertThat(list.allows(org.kie.api.runtime.rule.RuleContext.class, "getKieRuntime")).isFalse();
        assertThat(list.allows(org.drools.base.rule.consequence.ConsequenceContext.class, "getKieRuntime")).isFalse();
        assertThat(list.allows(org.drools.model.DroolsEntryPoint.class, "update")).isFalse();
    }

    private static Class<?> load(String type) {
        try {
            return Class.forName(type, false, AllowListTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError("allowed-members.txt names " + type + ", which does not exist", e);
        }
    }

    private static boolean declares(Class<?> type, String name) {
        if (name.equals("<init>")) {
            return type.getDeclaredConstructors().length > 0;
        }
        for (var method : type.getDeclaredMethods()) {
            if (method.getName().equals(name)) {
                return true;
            }
        }
        for (var field : type.getDeclaredFields()) {
            if (field.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
