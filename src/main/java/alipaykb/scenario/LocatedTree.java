package alipaykb.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A parsed document as a Jackson tree, with the line where each value starts, keyed by JSON Pointer
 * ({@code /transactions/1/via}).
 */
record LocatedTree(JsonNode root, Map<String, Integer> lines) {

    /** The line of the value at the pointer, or of its nearest enclosing value; 0 when unknown. */
    int lineOf(String pointer) {
        String at = pointer;
        while (true) {
            Integer line = lines.get(at);
            if (line != null) {
                return line;
            }
            if (at.isEmpty()) {
                return 0;
            }
            at = at.substring(0, at.lastIndexOf('/'));
        }
    }

    /** A JSON Pointer for a path written as {@code transactions[1].via}. */
    static String pointer(String path) {
        if (path == null || path.isEmpty()) {
            return "";
        }
        StringBuilder pointer = new StringBuilder();
        for (String part : path.replace("]", "").split("[.\\[]")) {
            pointer.append('/').append(part.replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }
}
