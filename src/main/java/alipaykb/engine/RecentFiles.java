package alipaykb.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rule files a process checked last, with what they compiled to, so that rebuilding after an edit
 * compiles only the file edited. Keyed by the file's name and whole text; holds at most a given number.
 */
final class RecentFiles {
    private final Map<String, RuleCompiler.Checked> files;

    RecentFiles(int size) {
        this.files = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RuleCompiler.Checked> eldest) {
                return size() > size;
            }
        };
    }

    synchronized RuleCompiler.Checked get(RuleFile file) {
        return files.get(key(file));
    }

    synchronized void put(RuleFile file, RuleCompiler.Checked checked) {
        files.put(key(file), checked);
    }

    private static String key(RuleFile file) {
        return file.name() + '\u0000' + file.text();
    }
}
