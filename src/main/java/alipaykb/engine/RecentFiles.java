package alipaykb.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a process made of the rule files it read last (parsed, judged or compiled), so that rebuilding after
 * an edit does that work again for the file edited only. Keyed by the file's name and whole text; holds at
 * most a given number, the least recently used leaving first.
 *
 * @param <T> what is kept for a file
 */
final class RecentFiles<T> {
    private final Map<String, T> files;

    RecentFiles(int size) {
        this.files = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, T> eldest) {
                return size() > size;
            }
        };
    }

    synchronized T get(RuleFile file) {
        return files.get(key(file));
    }

    synchronized void put(RuleFile file, T value) {
        files.put(key(file), value);
    }

    private static String key(RuleFile file) {
        return file.name() + '\u0000' + file.text();
    }
}
