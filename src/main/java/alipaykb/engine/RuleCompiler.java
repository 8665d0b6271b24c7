package alipaykb.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.builder.Message;
import org.kie.api.definition.KiePackage;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/** Compiles rule files with Drools, and turns what goes wrong into an analyst's problems. */
final class RuleCompiler {
    /** Where rule files go inside the build: the folder matches the rules' DRL package. */
    private static final String RULES_PATH = "rules/";

    private RuleCompiler() {
    }

    static KnowledgeBuilder build(List<RuleFile> files) {
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        for (RuleFile file : files) {
            // The path inside the build matches the rules' DRL package, and names the file in messages.
            builder.add(ResourceFactory.newByteArrayResource(file.text().getBytes(StandardCharsets.UTF_8))
                    .setSourcePath(RULES_PATH + file.name()), ResourceType.DRL);
        }
        return builder;
    }

    static KieBase newKieBase(Collection<KiePackage> packages) {
        try {
            InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase();
            kieBase.addPackages(packages);
            return kieBase;
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /**
     * Every problem of a rule set that does not compile, in an analyst's words. A file that does not
     * parse is set aside and the others compiled again, so that their problems are found too.
     */
    static List<RuleProblem> problems(RuleSet rules) {
        RuleCatalog catalog = RuleCatalog.read(rules);
        List<RuleProblem> problems = new ArrayList<>();
        catalog.syntaxErrors().values().forEach(problems::addAll);
        Set<String> brokenTypes = new HashSet<>();
        catalog.declaredTypes().forEach((type, file) -> {
            if (catalog.syntaxErrors().containsKey(file)) {
                brokenTypes.add(type);
            }
        });
        List<RuleFile> parsed = rules.files().stream()
                .filter(file -> !catalog.syntaxErrors().containsKey(file.name())).toList();
        KnowledgeBuilder builder = build(parsed);
        long id = 0;
        for (KnowledgeBuilderError error : builder.getErrors()) {
            Message message = error.asMessage(id++);
            RuleProblem problem = Diagnostics.translate(fileOf(message), message.getLine(),
                    Math.max(message.getColumn(), 0), message.getText(), catalog, brokenTypes);
            if (problem != null) {
                problems.add(problem);
            }
        }
        if (problems.isEmpty()) {
            problems.add(new RuleProblem(null, 0, 0, "the rules do not compile, for a reason Drools did not give"));
        }
        return withoutFollowOns(problems).stream().distinct()
                .sorted(Comparator.comparing(RuleProblem::file, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparingInt(RuleProblem::line).thenComparingInt(RuleProblem::column))
                .toList();
    }

    /** A rule with an unknown fact type also fails on the variables that pattern binds: those follow from it. */
    private static List<RuleProblem> withoutFollowOns(List<RuleProblem> problems) {
        Set<String> unknownTypeIn = new HashSet<>();
        for (RuleProblem problem : problems) {
            int at = problem.message().indexOf("\": unknown fact type");
            if (problem.message().startsWith("in rule \"") && at > 0) {
                unknownTypeIn.add(problem.message().substring(0, at));
            }
        }
        return problems.stream().filter(problem -> !((problem.message().contains("cannot be resolved to a variable")
                || problem.message().contains("is not bound in the rule's conditions"))
                && unknownTypeIn.stream().anyMatch(rule -> problem.message().startsWith(rule + "\""))))
                .toList();
    }

    private static String fileOf(Message message) {
        String file = message.getPath();
        for (String prefix : List.of("src/main/resources/", RULES_PATH)) {
            if (file != null && file.startsWith(prefix)) {
                file = file.substring(prefix.length());
            }
        }
        return file;
    }
}
