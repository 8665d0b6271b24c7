package alipaykb.robustness;

import alipaykb.decisions.AdviceCode;
import alipaykb.engine.KnowledgeBase;
import alipaykb.engine.RuleFile;
import alipaykb.engine.RuleSet;
import alipaykb.facts.App;
import alipaykb.facts.Profile;
import alipaykb.facts.User;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Rule texts and helpers of the tests of edited rules. */
final class EditedRules {
    static final String HEAD = "package rules;\nimport alipaykb.facts.User;\nimport alipaykb.decisions.Advice;\n"
            + "import alipaykb.decisions.AdviceCode;\nimport alipaykb.decisions.Provenance;\nimport java.util.List;\n\n";

    private EditedRules() {
    }

    /** A rule of the activation group "one advice" that gives one advice code, with a comment in its actions. */
    static String grouped(String name, String code, String comment, String condition) {
        return "rule \"" + name + "\"\n    @source(\"seed\")\n    activation-group \"one advice\"\nwhen\n    " + condition
                + "\nthen\n    // " + comment + "\n    insertLogical( new Advice(AdviceCode." + code + ", List.of(\"" + name
                + "\"), Provenance.of(drools)) );\nend\n\n";
    }

    /** Four rules: two that match every user (the first written should win), two that never match. */
    static String group(String firstCode, String firstComment) {
        return HEAD + grouped("Raise limits first", firstCode, firstComment, "User()")
                + grouped("Raise limits too", "RAISE_LIMITS", "x", "User()")
                + grouped("Never C", "RAISE_LIMITS", "c", "not User()")
                + grouped("Never D", "RAISE_LIMITS", "d", "not User()");
    }

    static String unique(String stem) {
        return stem + "-" + UUID.randomUUID().toString().substring(0, 8) + ".drl";
    }

    static RuleSet alone(String name, String text) {
        return RuleSet.of("/tmp/edited-rules", List.of(new RuleFile(name, "/tmp/edited-rules/" + name, text)));
    }

    /** The shipped rules and one more file. */
    static RuleSet shippedWith(String name, String text) {
        List<RuleFile> files = new ArrayList<>(RuleSet.fromFolder(java.nio.file.Path.of("rules")).files());
        files.add(new RuleFile(name, "/tmp/edited-rules/" + name, text));
        return RuleSet.of("/tmp/edited-rules", files);
    }

    static Profile profile() {
        return Profile.builder().asOf(LocalDate.of(2025, 6, 1))
                .user(User.builder("US").inMainlandChina(true).app(App.MAINLAND).build()).build();
    }

    static List<AdviceCode> advice(KnowledgeBase kb) {
        return kb.evaluate(profile()).advice().stream().map(advice -> advice.code()).toList();
    }
}
