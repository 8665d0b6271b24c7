package alipaykb.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * Judges the bytecode compiled from rule files before any of it is loaded, and readies what passes to
 * run. Every instruction is checked as the JVM will execute it, with names as the compiler resolved
 * them: a call, field read or constructor outside the generated classes must be on the
 * {@link AllowList}; nothing may write a field it does not own, loop, call itself, catch, lock,
 * build a class literal of an unlisted type, make a method handle to an unlisted member, or create an
 * array whose size is not written in the code. What passes is instrumented: every generated method
 * first asks {@link RuleBudget} whether the decision may go on, and {@code BigDecimal} arithmetic goes
 * through {@link RuleGuards}, which refuses numbers too large to compute with.
 */
final class BytecodeVerifier {
    /** The largest array a rule's code may create: what a call with many arguments needs, no more. */
    static final int MAX_ARRAY = 4096;
    private static final Set<String> SUPERCLASSES = Set.of("java/lang/Object", "java/lang/Enum", "java/lang/Record");
    private static final String BUDGET = Type.getInternalName(RuleBudget.class);
    private static final String GUARDS = Type.getInternalName(RuleGuards.class);
    private static final String BIG_DECIMAL = "java/math/BigDecimal";

    /** Something the code does that is not allowed, in the generated class and method where it is. */
    record Violation(String className, String method, String what, String member) {
    }

    /** What verifying gave: the violations, or the classes ready to load and the rule each class belongs to. */
    record Result(List<Violation> violations, Map<String, byte[]> classes, Map<String, String> ruleOfClass) {
        boolean passed() {
            return violations.isEmpty();
        }
    }

    private final AllowList allowList;
    private final ClassLoader resolver;

    BytecodeVerifier(AllowList allowList, ClassLoader resolver) {
        this.allowList = allowList;
        this.resolver = resolver;
    }

    /** Verifies classes, and instruments them when they pass. */
    Result verify(Map<String, byte[]> classes) {
        Map<String, ClassNode> nodes = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
            ClassNode node = new ClassNode();
            new ClassReader(entry.getValue()).accept(node, 0);
            if ((node.access & Opcodes.ACC_ENUM) != 0) {
                // The compiler writes values() and valueOf(String) into every enum; the executable model's
                // single-instance enums never call them, so they are removed, not judged.
                node.methods.removeIf(m -> m.name.equals("values") && m.desc.equals("()[L" + node.name + ";")
                        || m.name.equals("valueOf") && m.desc.equals("(Ljava/lang/String;)L" + node.name + ";"));
            }
            nodes.put(node.name, node);
        }
        List<Violation> violations = new ArrayList<>();
        Map<String, Set<String>> calls = new HashMap<>();
        for (ClassNode node : nodes.values()) {
            verifyClass(node, nodes, violations, calls);
        }
        recursion(calls, violations);
        Map<String, String> ruleOfClass = rulesOfClasses(nodes);
        if (!violations.isEmpty()) {
            return new Result(List.copyOf(new LinkedHashSet<>(violations)), Map.of(), ruleOfClass);
        }
        Map<String, byte[]> instrumented = new LinkedHashMap<>();
        for (ClassNode node : nodes.values()) {
            instrumented.put(node.name.replace('/', '.'), instrument(node, nodes.keySet()));
        }
        return new Result(List.of(), instrumented, ruleOfClass);
    }

    private void verifyClass(ClassNode node, Map<String, ClassNode> generated, List<Violation> violations,
                             Map<String, Set<String>> calls) {
        int before = violations.size();
        verifyMembers(node, generated, violations, calls);
        if (node.outerMethod != null) {
            // What a class declared in rule code does is reported where it is declared.
            for (int i = before; i < violations.size(); i++) {
                Violation violation = violations.get(i);
                violations.set(i, new Violation(node.name, node.outerMethod, violation.what(), violation.member()));
            }
        }
    }

    private void verifyMembers(ClassNode node, Map<String, ClassNode> generated, List<Violation> violations,
                               Map<String, Set<String>> calls) {
        if (node.outerClass != null || node.name.contains("$") && !metadataMember(node)) {
            violations.add(new Violation(node.name, node.outerMethod, "declares a class of its own (an anonymous or"
                    + " local class, or a record)", null));
        }
        if (node.superName == null || !(SUPERCLASSES.contains(node.superName) || generated.containsKey(node.superName))) {
            violations.add(new Violation(node.name, null, "extends " + dotted(node.superName), dotted(node.superName)));
        }
        for (MethodNode method : node.methods) {
            String where = method.name;
            if (method.name.startsWith("$SWITCH_TABLE$")) {
                // the compiler's lookup table for a switch on an enum: say what was written
                violations.add(new Violation(node.name, where, "switches on an enum (write if (x == Code.A) ... instead)",
                        null));
                continue;
            }
            String self = node.name + "." + method.name + method.desc;
            Set<String> callees = calls.computeIfAbsent(self, k -> new LinkedHashSet<>());
            if ((method.access & Opcodes.ACC_SYNCHRONIZED) != 0) {
                violations.add(new Violation(node.name, where, "locks (synchronized)", null));
            }
            if ((method.access & Opcodes.ACC_NATIVE) != 0) {
                violations.add(new Violation(node.name, where, "declares a native method", null));
            }
            if (method.name.equals("finalize")) {
                violations.add(new Violation(node.name, where, "declares finalize(), which the garbage collector runs", null));
            }
            if (method.tryCatchBlocks != null && !method.tryCatchBlocks.stream().allMatch(BytecodeVerifier::rethrows)) {
                violations.add(new Violation(node.name, where, "catches exceptions (try/catch)", null));
            }
            InsnList code = method.instructions;
            Map<LabelNode, Integer> positions = new HashMap<>();
            for (int i = 0; i < code.size(); i++) {
                if (code.get(i) instanceof LabelNode label) {
                    positions.put(label, i);
                }
            }
            for (int i = 0; i < code.size(); i++) {
                AbstractInsnNode instruction = code.get(i);
                verifyInstruction(node, method, instruction, i, positions, generated, violations, callees);
            }
        }
    }

    /**
     * The executable model writes one member class per fact type into its DomainClassesMetadata class; rule
     * code can only make local or anonymous classes, which have an enclosing method.
     */
    private static boolean metadataMember(ClassNode node) {
        String host = node.nestHostClass;
        return node.outerClass == null && host != null && node.name.startsWith(host + "$")
                && host.substring(host.lastIndexOf('/') + 1).startsWith("DomainClassesMetadata")
                && node.name.endsWith("_Metadata");
    }

    private void verifyInstruction(ClassNode node, MethodNode method, AbstractInsnNode instruction, int index,
                                   Map<LabelNode, Integer> positions, Map<String, ClassNode> generated,
                                   List<Violation> violations, Set<String> callees) {
        String where = method.name;
        if (instruction instanceof JumpInsnNode jump) {
            if (jump.getOpcode() == Opcodes.JSR || positions.getOrDefault(jump.label, index + 1) <= index) {
                violations.add(new Violation(node.name, where, "loops (for, while, do)", null));
            }
        } else if (instruction instanceof TableSwitchInsnNode table) {
            if (backwards(table.dflt, table.labels, positions, index)) {
                violations.add(new Violation(node.name, where, "loops (for, while, do)", null));
            }
        } else if (instruction instanceof LookupSwitchInsnNode lookup) {
            if (backwards(lookup.dflt, lookup.labels, positions, index)) {
                violations.add(new Violation(node.name, where, "loops (for, while, do)", null));
            }
        } else if (instruction instanceof MethodInsnNode call) {
            if (call.owner.equals(BIG_DECIMAL) && call.getOpcode() == Opcodes.INVOKEVIRTUAL
                    && RuleGuards.GUARDED.contains(call.name)
                    && !RuleGuards.SIGNATURES.contains(call.name + call.desc)) {
                violations.add(new Violation(node.name, where, "calls " + memberName(call.owner, call.name)
                        + " with arguments rule code may not use", memberName(call.owner, call.name)));
            } else if (generated.containsKey(call.owner) && declares(generated.get(call.owner), call.name, call.desc)) {
                callees.add(call.owner + "." + call.name + call.desc);
            } else if (!allowedMethod(generated, call.owner, call.name, call.desc)) {
                violations.add(new Violation(node.name, where, "calls " + memberName(call.owner, call.name),
                        memberName(call.owner, call.name)));
            }
        } else if (instruction instanceof FieldInsnNode field) {
            verifyField(node, method, field, generated, violations);
        } else if (instruction instanceof TypeInsnNode type) {
            if (type.getOpcode() == Opcodes.ANEWARRAY && !constantSize(type.getPrevious())) {
                violations.add(new Violation(node.name, where, "creates an array whose size is not a small constant", null));
            }
        } else if (instruction instanceof IntInsnNode integer) {
            if (integer.getOpcode() == Opcodes.NEWARRAY && !constantSize(integer.getPrevious())) {
                violations.add(new Violation(node.name, where, "creates an array whose size is not a small constant", null));
            }
        } else if (instruction instanceof InsnNode plain) {
            int opcode = plain.getOpcode();
            if (opcode == Opcodes.MONITORENTER || opcode == Opcodes.MONITOREXIT) {
                violations.add(new Violation(node.name, where, "locks (synchronized)", null));
            }
        } else if (instruction instanceof LdcInsnNode constant) {
            verifyConstant(node, where, constant.cst, generated, violations);
        } else if (instruction instanceof InvokeDynamicInsnNode dynamic) {
            verifyDynamic(node, where, dynamic, generated, violations, callees);
        } else if (instruction.getOpcode() == Opcodes.MULTIANEWARRAY) {
            violations.add(new Violation(node.name, where, "creates a multi-dimensional array", null));
        }
    }

    private void verifyField(ClassNode node, MethodNode method, FieldInsnNode field, Map<String, ClassNode> generated,
                             List<Violation> violations) {
        boolean write = field.getOpcode() == Opcodes.PUTFIELD || field.getOpcode() == Opcodes.PUTSTATIC;
        if (generated.containsKey(field.owner)) {
            if (write && !(field.owner.equals(node.name) && (field.getOpcode() == Opcodes.PUTSTATIC
                    ? method.name.equals("<clinit>") : method.name.equals("<init>")))) {
                violations.add(new Violation(node.name, method.name, "writes the field " + memberName(field.owner, field.name)
                        + " outside its class's initialisation", null));
            }
            return;
        }
        if (write) {
            violations.add(new Violation(node.name, method.name, "writes the field " + memberName(field.owner, field.name),
                    memberName(field.owner, field.name)));
        } else if (!allowedField(field.owner, field.name)) {
            violations.add(new Violation(node.name, method.name, "reads " + memberName(field.owner, field.name),
                    memberName(field.owner, field.name)));
        }
    }

    private void verifyConstant(ClassNode node, String where, Object constant, Map<String, ClassNode> generated,
                                List<Violation> violations) {
        if (constant instanceof Type type) {
            if (type.getSort() == Type.METHOD) {
                violations.add(new Violation(node.name, where, "uses a method type constant", null));
            } else if (type.getSort() == Type.OBJECT && !generated.containsKey(type.getInternalName())
                    && !allowList.names(type.getClassName())) {
                violations.add(new Violation(node.name, where, "uses the class literal " + type.getClassName() + ".class",
                        type.getClassName()));
            } else if (type.getSort() == Type.ARRAY) {
                violations.add(new Violation(node.name, where, "uses an array class literal", null));
            }
        } else if (constant instanceof Handle || constant instanceof ConstantDynamic) {
            violations.add(new Violation(node.name, where, "uses a method handle constant", null));
        }
    }

    private void verifyDynamic(ClassNode node, String where, InvokeDynamicInsnNode dynamic,
                               Map<String, ClassNode> generated, List<Violation> violations, Set<String> callees) {
        Handle bootstrap = dynamic.bsm;
        String factory = bootstrap.getOwner() + "." + bootstrap.getName();
        if (factory.equals("java/lang/invoke/StringConcatFactory.makeConcatWithConstants")) {
            return;
        }
        if (!factory.equals("java/lang/invoke/LambdaMetafactory.metafactory")
                && !factory.equals("java/lang/invoke/LambdaMetafactory.altMetafactory")) {
            violations.add(new Violation(node.name, where, "uses invokedynamic with " + dotted(bootstrap.getOwner()), null));
            return;
        }
        for (Object argument : dynamic.bsmArgs) {
            if (argument instanceof Handle target) {
                if (generated.containsKey(target.getOwner()) && declares(generated.get(target.getOwner()), target.getName(),
                        target.getDesc())) {
                    callees.add(target.getOwner() + "." + target.getName() + target.getDesc());
                } else if (target.getTag() >= Opcodes.H_INVOKEVIRTUAL && !target.getOwner().equals(BIG_DECIMAL)
                        && allowedMethod(generated, target.getOwner(), target.getName(), target.getDesc())) {
                    continue;
                } else {
                    violations.add(new Violation(node.name, where, "makes a method reference to "
                            + memberName(target.getOwner(), target.getName()), memberName(target.getOwner(), target.getName())));
                }
            }
        }
    }

    /**
     * The one handler allowed: the executable model wraps each function's body in
     * {@code catch (Exception e) { throw new RuntimeException(e); }}, which lets every failure through.
     */
    private static boolean rethrows(TryCatchBlockNode block) {
        if (!"java/lang/Exception".equals(block.type)) {
            return false;
        }
        List<AbstractInsnNode> code = new ArrayList<>();
        for (AbstractInsnNode at = block.handler.getNext(); at != null && code.size() < 6; at = at.getNext()) {
            if (at.getOpcode() >= 0) {
                code.add(at);
            }
        }
        return code.size() == 6
                && code.get(0) instanceof VarInsnNode store && store.getOpcode() == Opcodes.ASTORE
                && code.get(1) instanceof TypeInsnNode create && create.getOpcode() == Opcodes.NEW
                && create.desc.equals("java/lang/RuntimeException")
                && code.get(2).getOpcode() == Opcodes.DUP
                && code.get(3) instanceof VarInsnNode load && load.getOpcode() == Opcodes.ALOAD && load.var == store.var
                && code.get(4) instanceof MethodInsnNode wrap && wrap.getOpcode() == Opcodes.INVOKESPECIAL
                && wrap.owner.equals("java/lang/RuntimeException") && wrap.name.equals("<init>")
                && wrap.desc.equals("(Ljava/lang/Throwable;)V")
                && code.get(5).getOpcode() == Opcodes.ATHROW;
    }

    private static boolean backwards(LabelNode dflt, List<LabelNode> labels, Map<LabelNode, Integer> positions, int index) {
        if (positions.getOrDefault(dflt, index + 1) <= index) {
            return true;
        }
        return labels.stream().anyMatch(label -> positions.getOrDefault(label, index + 1) <= index);
    }

    private static boolean constantSize(AbstractInsnNode previous) {
        int size;
        if (previous == null) {
            return false;
        } else if (previous.getOpcode() >= Opcodes.ICONST_0 && previous.getOpcode() <= Opcodes.ICONST_5) {
            size = previous.getOpcode() - Opcodes.ICONST_0;
        } else if (previous instanceof IntInsnNode push
                && (push.getOpcode() == Opcodes.BIPUSH || push.getOpcode() == Opcodes.SIPUSH)) {
            size = push.operand;
        } else if (previous instanceof LdcInsnNode ldc && ldc.cst instanceof Integer value) {
            size = value;
        } else {
            return false;
        }
        return size >= 0 && size <= MAX_ARRAY;
    }

    private static boolean declares(ClassNode node, String name, String desc) {
        return node.methods.stream().anyMatch(m -> m.name.equals(name) && m.desc.equals(desc));
    }

    /** A call outside the generated classes: resolved as the JVM resolves it, then looked up in the list. */
    private boolean allowedMethod(Map<String, ClassNode> generated, String owner, String name, String desc) {
        if (!generated.containsKey(owner)) {
            return allowList.decided(owner + "." + name + desc, () -> allowedOutside(generated, owner, name, desc));
        }
        return allowedOutside(generated, owner, name, desc);
    }

    private boolean allowedOutside(Map<String, ClassNode> generated, String owner, String name, String desc) {
        String start = owner;
        while (generated.containsKey(start)) {
            ClassNode node = generated.get(start);
            if (declares(node, name, desc)) {
                return true;
            }
            start = node.superName;
        }
        Class<?> type = load(start);
        if (type == null) {
            return false;
        }
        if (name.equals("<init>")) {
            return start.equals(owner) && declaresMethod(type, name, desc) && allowList.allows(type, name)
                    || !start.equals(owner) && allowList.allows(type, name);
        }
        Class<?> declaring = declaringClass(type, name, desc);
        return declaring != null && allowList.allows(declaring, name);
    }

    private boolean allowedField(String owner, String name) {
        return allowList.decided(owner + "#" + name, () -> allowedFieldOf(owner, name));
    }

    private boolean allowedFieldOf(String owner, String name) {
        Class<?> type = load(owner);
        for (Class<?> at = type; at != null; at = at.getSuperclass()) {
            for (java.lang.reflect.Field field : at.getDeclaredFields()) {
                if (field.getName().equals(name)) {
                    return allowList.allows(at, name);
                }
            }
        }
        if (type != null) {
            for (Class<?> face : allInterfaces(type)) {
                for (java.lang.reflect.Field field : face.getDeclaredFields()) {
                    if (field.getName().equals(name)) {
                        return allowList.allows(face, name);
                    }
                }
            }
        }
        return false;
    }

    /** The most specific class or interface that declares the method, as the JVM's resolution finds it. */
    private static Class<?> declaringClass(Class<?> type, String name, String desc) {
        for (Class<?> at = type; at != null; at = at.getSuperclass()) {
            if (declaresMethod(at, name, desc)) {
                return at;
            }
        }
        for (Class<?> face : allInterfaces(type)) {
            if (declaresMethod(face, name, desc)) {
                return face;
            }
        }
        return null;
    }

    private static List<Class<?>> allInterfaces(Class<?> type) {
        List<Class<?>> found = new ArrayList<>();
        Deque<Class<?>> queue = new ArrayDeque<>();
        for (Class<?> at = type; at != null; at = at.getSuperclass()) {
            queue.addAll(List.of(at.getInterfaces()));
        }
        while (!queue.isEmpty()) {
            Class<?> face = queue.poll();
            if (!found.contains(face)) {
                found.add(face);
                queue.addAll(List.of(face.getInterfaces()));
            }
        }
        return found;
    }

    private static boolean declaresMethod(Class<?> type, String name, String desc) {
        try {
            if (name.equals("<init>")) {
                for (java.lang.reflect.Constructor<?> constructor : type.getDeclaredConstructors()) {
                    if (Type.getConstructorDescriptor(constructor).equals(desc)) {
                        return true;
                    }
                }
                return false;
            }
            for (java.lang.reflect.Method method : type.getDeclaredMethods()) {
                if (method.getName().equals(name) && Type.getMethodDescriptor(method).equals(desc)) {
                    return true;
                }
            }
        } catch (LinkageError e) {
            return false;
        }
        return false;
    }

    private Class<?> load(String internalName) {
        if (internalName == null || internalName.startsWith("[")) {
            return null;
        }
        try {
            return Class.forName(internalName.replace('/', '.'), false, resolver);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** Generated methods that call themselves, directly or through others. */
    private static void recursion(Map<String, Set<String>> calls, List<Violation> violations) {
        Map<String, Integer> state = new HashMap<>();
        for (String method : calls.keySet()) {
            if (!state.containsKey(method)) {
                Deque<String> path = new ArrayDeque<>();
                cycle(method, calls, state, path, violations);
            }
        }
    }

    private static void cycle(String method, Map<String, Set<String>> calls, Map<String, Integer> state,
                              Deque<String> path, List<Violation> violations) {
        state.put(method, 1);
        path.push(method);
        for (String callee : calls.getOrDefault(method, Set.of())) {
            Integer seen = state.get(callee);
            if (seen == null) {
                cycle(callee, calls, state, path, violations);
            } else if (seen == 1) {
                String owner = callee.substring(0, callee.lastIndexOf('.', callee.indexOf('(')));
                String name = callee.substring(owner.length() + 1, callee.indexOf('('));
                violations.add(new Violation(owner, name, "calls itself (recursion), directly or through other functions", null));
            }
        }
        path.pop();
        state.put(method, 2);
    }

    /**
     * Which rule each generated class serves, read from the model classes: a rule's method names the rule
     * ({@code rule(package, name)}) and takes the classes of its conditions and actions.
     */
    private static Map<String, String> rulesOfClasses(Map<String, ClassNode> nodes) {
        Map<String, String> rules = new HashMap<>();
        for (ClassNode node : nodes.values()) {
            for (MethodNode method : node.methods) {
                String rule = null;
                Set<String> used = new HashSet<>();
                String last = null;
                String beforeLast = null;
                for (AbstractInsnNode instruction : method.instructions) {
                    if (instruction instanceof LdcInsnNode ldc && ldc.cst instanceof String text) {
                        beforeLast = last;
                        last = text;
                    } else if (instruction instanceof MethodInsnNode call && call.getOpcode() == Opcodes.INVOKESTATIC
                            && (call.name.equals("rule") || call.name.equals("query"))
                            && call.desc.startsWith("(Ljava/lang/String;Ljava/lang/String;)") && beforeLast != null) {
                        rule = last;
                    } else if (instruction instanceof FieldInsnNode field && nodes.containsKey(field.owner)) {
                        used.add(field.owner);
                    } else if (instruction instanceof MethodInsnNode call && nodes.containsKey(call.owner)) {
                        used.add(call.owner);
                    } else if (instruction instanceof InvokeDynamicInsnNode dynamic) {
                        for (Object argument : dynamic.bsmArgs) {
                            if (argument instanceof Handle handle && handle.getOwner().equals(node.name)) {
                                used.add(node.name + "#" + handle.getName());
                            } else if (argument instanceof Handle handle && nodes.containsKey(handle.getOwner())) {
                                used.add(handle.getOwner());
                            }
                        }
                    }
                }
                if (rule != null) {
                    String name = rule;
                    used.forEach(owner -> rules.putIfAbsent(owner.replace('/', '.'), name));
                    rules.put(node.name.replace('/', '.') + "#" + method.name, name);
                }
            }
        }
        return rules;
    }

    /**
     * Every generated method first asks the budget; BigDecimal arithmetic goes through RuleGuards, and every
     * number, text and collection a call hands rule code passes a check of its size.
     */
    private static byte[] instrument(ClassNode node, Set<String> generated) {
        for (MethodNode method : node.methods) {
            if ((method.access & Opcodes.ACC_ABSTRACT) != 0) {
                continue;
            }
            for (AbstractInsnNode instruction : method.instructions.toArray()) {
                if (instruction instanceof MethodInsnNode call && call.owner.equals(BIG_DECIMAL)
                        && call.getOpcode() == Opcodes.INVOKEVIRTUAL && RuleGuards.GUARDED.contains(call.name)) {
                    call.setOpcode(Opcodes.INVOKESTATIC);
                    call.owner = GUARDS;
                    call.desc = "(L" + BIG_DECIMAL + ";" + call.desc.substring(1);
                } else if (instruction instanceof MethodInsnNode call && !generated.contains(call.owner)) {
                    guardResult(method.instructions, call, call.name.equals("<init>")
                            ? Type.getObjectType(call.owner) : Type.getReturnType(call.desc));
                } else if (instruction instanceof InvokeDynamicInsnNode dynamic
                        && dynamic.bsm.getOwner().equals("java/lang/invoke/StringConcatFactory")) {
                    guardResult(method.instructions, dynamic, Type.getReturnType(dynamic.desc));
                }
            }
            if (method.name.equals("<init>") || method.name.equals("<clinit>")) {
                // A constructor may not call before super(); a class initialiser that stopped would break its class.
                continue;
            }
            method.instructions.insert(new MethodInsnNode(Opcodes.INVOKESTATIC, BUDGET, "tick", "()V", false));
            method.maxStack = Math.max(method.maxStack, 1);
        }
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        node.accept(writer);
        return writer.toByteArray();
    }

    /** After a call whose result is a number, text or collection, a check of that result (stack-neutral). */
    private static void guardResult(InsnList code, AbstractInsnNode call, Type result) {
        String check = switch (result.getDescriptor()) {
            case "Ljava/math/BigDecimal;" -> "checkedNumber";
            case "Ljava/lang/String;" -> "checkedText";
            case "Ljava/util/List;", "Ljava/util/Set;", "Ljava/util/Map;", "Ljava/util/Collection;" -> "checkedCollection";
            default -> null;
        };
        if (check == null) {
            return;
        }
        if (check.equals("checkedCollection")) {
            code.insert(call, new TypeInsnNode(Opcodes.CHECKCAST, result.getInternalName()));
            code.insert(call, new MethodInsnNode(Opcodes.INVOKESTATIC, GUARDS, check,
                    "(Ljava/lang/Object;)Ljava/lang/Object;", false));
        } else {
            code.insert(call, new MethodInsnNode(Opcodes.INVOKESTATIC, GUARDS, check,
                    "(" + result.getDescriptor() + ")" + result.getDescriptor(), false));
        }
    }

    private static String memberName(String owner, String name) {
        return dotted(owner) + (name.equals("<init>") ? " (new)" : "." + name);
    }

    private static String dotted(String internalName) {
        return internalName == null ? "nothing" : internalName.replace('/', '.');
    }
}
