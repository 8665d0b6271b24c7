package alipaykb.engine;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What code compiled from a rule file may use, member by member: a class and one of its methods,
 * fields or constructors ({@code <init>}), or every public member a project type declares ({@code *}).
 * Read from {@code alipaykb/engine/allowed-members.txt}; anything not listed is refused.
 */
public final class AllowList {
    private static final String RESOURCE = "/alipaykb/engine/allowed-members.txt";
    private static final String EVERY_PUBLIC_MEMBER = "*";

    /** A section of the list: its heading, and the members by class, in the order the file gives them. */
    public record Section(String heading, Map<String, List<String>> members) {
    }

    private final List<Section> sections;
    private final Map<String, Set<String>> members;
    /** Members already judged, as the JVM resolves them: each is looked up once per process. */
    private final Map<String, Boolean> decided = new java.util.concurrent.ConcurrentHashMap<>();

    private AllowList(List<Section> sections) {
        this.sections = List.copyOf(sections);
        Map<String, Set<String>> all = new LinkedHashMap<>();
        sections.forEach(section -> section.members().forEach((type, names) ->
                all.computeIfAbsent(type, t -> new TreeSet<>()).addAll(names)));
        this.members = all;
    }

    private static final class Holder {
        static final AllowList STANDARD = read();
    }

    /** The list this build carries. */
    public static AllowList standard() {
        return Holder.STANDARD;
    }

    private static AllowList read() {
        return parse(standardText());
    }

    /** The standard list with more lines: for tests of what rule code may reach. */
    static AllowList standardWith(String moreLines) {
        return parse(standardText() + "\n" + moreLines);
    }

    private static String standardText() {
        try (InputStream in = AllowList.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("this build carries no " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Reads the list's text: {@code ## heading} lines open sections, other lines are {@code class member...}. */
    static AllowList parse(String text) {
        List<Section> sections = new ArrayList<>();
        String heading = "";
        Map<String, List<String>> current = new LinkedHashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("## ")) {
                if (!current.isEmpty()) {
                    sections.add(new Section(heading, current));
                }
                heading = line.substring(3).strip();
                current = new LinkedHashMap<>();
                continue;
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+");
            if (words.length < 2) {
                throw new IllegalStateException("allowed-members.txt: '" + line + "' names no member");
            }
            List<String> names = current.computeIfAbsent(words[0], type -> new ArrayList<>());
            for (int i = 1; i < words.length; i++) {
                names.add(words[i]);
            }
        }
        if (!current.isEmpty()) {
            sections.add(new Section(heading, current));
        }
        return new AllowList(sections);
    }

    /** The list as its file gives it, section by section. */
    public List<Section> sections() {
        return sections;
    }

    /**
     * The list as README.md shows it: section by section, each class with the members it allows, {@code *}
     * spelled out, constructors as {@code new}.
     */
    public String render() {
        StringBuilder text = new StringBuilder();
        for (Section section : sections) {
            text.append("**").append(section.heading()).append("**\n\n");
            section.members().forEach((type, names) -> {
                List<String> shown = new ArrayList<>();
                for (String name : names) {
                    if (name.equals(EVERY_PUBLIC_MEMBER)) {
                        shown.addAll(publicMembers(type));
                    } else {
                        shown.add(name.equals("<init>") ? "new" : name);
                    }
                }
                text.append("- `").append(type).append("`: ").append(String.join(", ", shown)).append('\n');
            });
            text.append('\n');
        }
        return text.toString();
    }

    /** Whether a class declares a member by that name that the list allows. */
    boolean allows(Class<?> declaring, String member) {
        Set<String> names = members.get(declaring.getName());
        if (names == null) {
            return false;
        }
        if (names.contains(member)) {
            return true;
        }
        return names.contains(EVERY_PUBLIC_MEMBER) && isPublicMember(declaring, member);
    }

    /** A judgement of a member, made once and remembered. */
    boolean decided(String member, java.util.function.BooleanSupplier judge) {
        Boolean known = decided.get(member);
        if (known == null) {
            known = judge.getAsBoolean();
            decided.put(member, known);
        }
        return known;
    }

    /** Whether a class is named by the list at all: a rule may name it as a type. */
    boolean names(String className) {
        return members.containsKey(className);
    }

    /** Whether the list names a class of that package (not of its subpackages). */
    boolean namesSomethingIn(String packageName) {
        return members.keySet().stream().anyMatch(type -> type.startsWith(packageName + ".")
                && type.indexOf('.', packageName.length() + 1) < 0);
    }

    /** Every member a {@code *} line stands for, by name: what the README shows. */
    public static List<String> publicMembers(String className) {
        try {
            Class<?> type = Class.forName(className, false, AllowList.class.getClassLoader());
            Set<String> names = new TreeSet<>();
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isPublic(field.getModifiers())) {
                    names.add(field.getName());
                }
            }
            for (Method method : type.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers()) && !method.isSynthetic()) {
                    names.add(method.getName() + "()");
                }
            }
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (Modifier.isPublic(constructor.getModifiers())) {
                    names.add("new");
                }
            }
            return List.copyOf(names);
        } catch (ClassNotFoundException | LinkageError e) {
            return Collections.emptyList();
        }
    }

    private static boolean isPublicMember(Class<?> type, String member) {
        if (member.equals("<init>")) {
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (Modifier.isPublic(constructor.getModifiers())) {
                    return true;
                }
            }
            return false;
        }
        for (Method method : type.getDeclaredMethods()) {
            if (method.getName().equals(member) && Modifier.isPublic(method.getModifiers())) {
                return true;
            }
        }
        for (Field field : type.getDeclaredFields()) {
            if (field.getName().equals(member) && Modifier.isPublic(field.getModifiers())) {
                return true;
            }
        }
        return false;
    }
}
