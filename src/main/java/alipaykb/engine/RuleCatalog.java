package alipaykb.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;

/**
 * The rules of a rule set as their files state them: name, file, line, source, phase. Read with Drools'
 * own DRL parser, file by file, so that a syntax error in one file is found without hiding the others.
 */
public final class RuleCatalog {
    private static final Pattern RULE_NAME = Pattern.compile("in rule \"?([^\"]+)\"?");

    private final List<RuleInfo> rules;
    private final Map<String, String> texts;
    private final Map<String, List<RuleProblem>> syntaxErrors;
    private final Map<String, String> declaredTypes;
    private final Map<String, List<String>> imports;
    private final Map<String, PackageDescr> packages;

    private RuleCatalog(List<RuleInfo> rules, Map<String, String> texts, Map<String, List<RuleProblem>> syntaxErrors,
                        Map<String, String> declaredTypes, Map<String, List<String>> imports,
                        Map<String, PackageDescr> packages) {
        this.rules = List.copyOf(rules);
        this.texts = texts;
        this.syntaxErrors = syntaxErrors;
        this.declaredTypes = declaredTypes;
        this.imports = imports;
        this.packages = packages;
    }

    /** Reads every file of the rule set. */
    public static RuleCatalog read(RuleSet ruleSet) {
        List<RuleInfo> rules = new ArrayList<>();
        Map<String, String> texts = new LinkedHashMap<>();
        Map<String, List<RuleProblem>> syntaxErrors = new LinkedHashMap<>();
        Map<String, String> declaredTypes = new HashMap<>();
        Map<String, List<String>> imports = new HashMap<>();
        Map<String, PackageDescr> packages = new LinkedHashMap<>();
        // Files are parsed side by side; what they hold is gathered in file order.
        List<Parsed> parsed = RuleFiles.inParallel(ruleSet.files(), RuleCatalog::parse);
        for (int i = 0; i < parsed.size(); i++) {
            RuleFile file = ruleSet.files().get(i);
            texts.put(file.name(), file.text());
            PackageDescr descr = parsed.get(i).descr();
            if (parsed.get(i).failure() != null) {
                syntaxErrors.put(file.name(), List.of(parsed.get(i).failure()));
                continue;
            }
            if (!parsed.get(i).errors().isEmpty() || descr == null) {
                syntaxErrors.put(file.name(), parsed.get(i).errors().stream().map(error -> new RuleProblem(file.name(),
                        error.line(), error.column(), Diagnostics.syntax(error.text()))).toList());
            }
            if (descr == null) {
                continue;
            }
            for (TypeDeclarationDescr type : descr.getTypeDeclarations()) {
                declaredTypes.put(type.getTypeName(), file.name());
            }
            imports.put(file.name(), descr.getImports().stream().map(target -> target.getTarget()).toList());
            packages.put(file.name(), descr);
            for (RuleDescr rule : descr.getRules()) {
                rules.add(new RuleInfo(rule.getName(), file.name(), rule.getLine(), annotation(rule, "source"),
                        annotation(rule, "unreachable"), attribute(rule, "ruleflow-group", "agenda-group"),
                        attribute(rule, "salience"), rule));
            }
        }
        return new RuleCatalog(rules, Collections.unmodifiableMap(texts), Collections.unmodifiableMap(syntaxErrors),
                Collections.unmodifiableMap(declaredTypes), Collections.unmodifiableMap(imports),
                Collections.unmodifiableMap(packages));
    }

    private record Parsed(PackageDescr descr, List<DroolsInternals.BuildMessage> errors, RuleProblem failure) {
    }

    /** The largest rule file read: twenty times the largest shipped one. */
    static final int MAX_FILE_CHARS = 256 * 1024;

    /**
     * The files parsed last: an edit parses again only the file edited. What the parser returns is only ever
     * read, never changed, so one parse may serve several catalogs. Files of ordinary size only (four times
     * the largest shipped one), so that what is kept stays small whatever files are read.
     */
    private static final RecentFiles<Parsed> PARSED = new RecentFiles<>(32);
    private static final int MAX_KEPT_CHARS = 64 * 1024;

    private static Parsed parse(RuleFile file) {
        if (file.text().length() > MAX_KEPT_CHARS) {
            return parseNow(file);
        }
        Parsed known = PARSED.get(file);
        if (known == null) {
            known = parseNow(file);
            PARSED.put(file, known);
        }
        return known;
    }

    /** What Drools' parser reads from one file, or null when it does not parse cleanly. */
    static PackageDescr parsedAlone(RuleFile file) {
        Parsed parsed = parse(file);
        return parsed.failure() == null && parsed.errors().isEmpty() ? parsed.descr() : null;
    }

    private static Parsed parseNow(RuleFile file) {
        if (file.text().length() > MAX_FILE_CHARS) {
            return new Parsed(null, List.of(), new RuleProblem(file.name(), 1, 0, "the file holds "
                    + file.text().length() + " characters, more than the " + MAX_FILE_CHARS + " a rule file may."
                    + " Hint: split it into files by policy area."));
        }
        try {
            DroolsInternals.ParsedFile read = DroolsInternals.parse(file.name(), file.text());
            return new Parsed(read.descr(), read.errors(),
                    read.failure() == null ? null : new RuleProblem(file.name(), 1, 0, read.failure()));
        } catch (StackOverflowError e) {
            return new Parsed(null, List.of(), new RuleProblem(file.name(), 1, 0, "the file nests brackets or"
                    + " conditions too deeply to be read. Hint: split the condition into simpler ones."));
        }
    }

    private static String annotation(RuleDescr rule, String name) {
        AnnotationDescr annotation = rule.getAnnotation(name);
        if (annotation == null) {
            return null;
        }
        Object value = annotation.getSingleValueStripped();
        return value == null ? "" : value.toString();
    }

    private static String attribute(RuleDescr rule, String... names) {
        for (String name : names) {
            AttributeDescr attribute = rule.getAttributes().get(name);
            if (attribute != null) {
                return attribute.getValue();
            }
        }
        return null;
    }

    /** Every rule, file by file in name order, in the order written. */
    public List<RuleInfo> rules() {
        return rules;
    }

    /** The rule of a name (the first, when a name is used twice). */
    public Optional<RuleInfo> rule(String name) {
        return rules.stream().filter(rule -> rule.name().equals(name)).findFirst();
    }

    /** The rule whose text holds the given line of a file, if any. */
    public Optional<RuleInfo> ruleAt(String file, int line) {
        RuleInfo found = null;
        for (RuleInfo rule : rules) {
            if (rule.file().equals(file) && rule.line() <= line && (found == null || rule.line() > found.line())) {
                found = rule;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The rule named in a message such as {@code ... in rule "X"}, if any. */
    Optional<RuleInfo> ruleNamedIn(String message) {
        Matcher matcher = RULE_NAME.matcher(message);
        return matcher.find() ? rule(matcher.group(1).strip()) : Optional.empty();
    }

    /** The text of a rule file. */
    public String text(String file) {
        return texts.get(file);
    }

    /** Syntax errors by file; empty when every file parses. */
    public Map<String, List<RuleProblem>> syntaxErrors() {
        return syntaxErrors;
    }

    /** Fact types declared in the rule files ({@code declare X}), with the file that declares each. */
    public Map<String, String> declaredTypes() {
        return declaredTypes;
    }

    /** What Drools' parser read from each file that parses, by file name. */
    Map<String, PackageDescr> packages() {
        return packages;
    }

    /** The imports of a rule file. */
    public List<String> imports(String file) {
        return imports.getOrDefault(file, List.of());
    }
}
