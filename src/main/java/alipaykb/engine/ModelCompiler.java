package alipaykb.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drools.codegen.common.GeneratedFile;
import org.drools.compiler.builder.impl.KnowledgeBuilderConfigurationImpl;
import org.drools.compiler.compiler.JavaDialectConfiguration;
import org.drools.compiler.compiler.io.memory.MemoryFileSystem;
import org.drools.model.codegen.execmodel.ModelBuilderImpl;
import org.drools.model.codegen.execmodel.PackageSources;
import org.drools.util.PortablePath;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.CompositeKnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;
import org.kie.memorycompiler.CompilationProblem;
import org.kie.memorycompiler.CompilationResult;

/**
 * Turns rule files into Java bytecode with Drools' executable model: every condition, action and
 * expression of a rule becomes an ordinary Java method, compiled in memory. Nothing is loaded or run
 * here: the classes come back as bytes, for {@link BytecodeVerifier} to judge first.
 */
final class ModelCompiler {
    /** Where rule files go inside the build: the folder matches the rules' DRL package. */
    static final String RULES_PATH = "rules/";

    private ModelCompiler() {
    }

    /** What came out: the classes, the names of the model classes among them, or what went wrong. */
    record Output(Map<String, byte[]> classes, List<String> models, List<KnowledgeBuilderError> builderErrors,
                  List<CompilationProblem> javaErrors) {
        boolean failed() {
            return !builderErrors.isEmpty() || !javaErrors.isEmpty();
        }
    }

    static Output compile(List<RuleFile> files) {
        return compile(files, AllowList.standard());
    }

    /** Compiles, seeing only the classes the list names and the engine's own. */
    static Output compile(List<RuleFile> files, AllowList allowList) {
        CompileTimeClassLoader visible = new CompileTimeClassLoader(allowList, ModelCompiler.class.getClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        thread.setContextClassLoader(visible);
        try {
            return compile(files, visible);
        } finally {
            thread.setContextClassLoader(context);
        }
    }

    private static Output compile(List<RuleFile> files, ClassLoader visible) {
        KnowledgeBuilderConfigurationImpl configuration = KnowledgeBuilderFactory
                .newKnowledgeBuilderConfiguration(visible)
                .as(KnowledgeBuilderConfigurationImpl.KEY);
        ModelBuilderImpl<PackageSources> builder = new ModelBuilderImpl<>(PackageSources::dumpSources, configuration,
                null, false);
        CompositeKnowledgeBuilder batch = builder.batch();
        for (RuleFile file : files) {
            batch.add(ResourceFactory.newByteArrayResource(file.text().getBytes(StandardCharsets.UTF_8))
                    .setSourcePath(RULES_PATH + file.name()), ResourceType.DRL);
        }
        batch.build();
        if (builder.hasErrors()) {
            return new Output(Map.of(), List.of(), List.copyOf(builder.getErrors()), List.of());
        }
        List<GeneratedFile> generated = new ArrayList<>();
        List<String> models = new ArrayList<>();
        for (PackageSources sources : builder.getPackageSources()) {
            sources.collectGeneratedFiles(generated);
            models.addAll(sources.getModelNames());
        }
        MemoryFileSystem sources = new MemoryFileSystem();
        MemoryFileSystem target = new MemoryFileSystem();
        List<String> names = new ArrayList<>();
        for (GeneratedFile file : generated) {
            String name = "src/main/java/" + file.path();
            sources.write(name, file.contents());
            names.add(name);
        }
        CompilationResult result = JavaDialectConfiguration.createEclipseCompiler()
                .compile(names.toArray(new String[0]), sources, target, visible);
        if (result.getErrors().length > 0) {
            return new Output(Map.of(), List.of(), List.of(), List.of(result.getErrors()));
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (Map.Entry<PortablePath, byte[]> entry : target.getMap().entrySet()) {
            String path = entry.getKey().asString();
            if (path.endsWith(".class")) {
                classes.put(path.substring(0, path.length() - ".class".length()).replace('/', '.'), entry.getValue());
            }
        }
        return new Output(classes, models, List.of(), List.of());
    }
}
