package alipaykb.scenario;

import alipaykb.engine.RuleCoverage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Rule coverage as an HTML page (one table per rule file, rules that never fired highlighted) and as JSON. */
public final class CoverageReport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CoverageReport() {
    }

    /** The coverage as JSON. */
    public static String json(RuleCoverage coverage) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("rulesVersion", coverage.rulesVersion());
        root.put("rulesCounted", coverage.counted());
        root.put("rulesFired", coverage.fired());
        root.put("percent", Math.round(coverage.percent() * 10) / 10.0);
        ArrayNode rules = root.putArray("rules");
        for (RuleCoverage.Entry entry : coverage.entries()) {
            ObjectNode rule = rules.addObject();
            rule.put("name", entry.rule().name());
            rule.put("file", entry.rule().file());
            rule.put("line", entry.rule().line());
            rule.put("source", entry.rule().source());
            rule.put("firings", entry.firings());
            rule.put("counted", entry.counted());
            if (!entry.counted()) {
                rule.put("unreachable", entry.rule().unreachable());
            }
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the coverage as JSON", e);
        }
    }

    /** The coverage as a self-contained HTML page. */
    public static String html(RuleCoverage coverage) {
        Map<String, List<RuleCoverage.Entry>> byFile = new LinkedHashMap<>();
        coverage.entries().forEach(entry -> byFile.computeIfAbsent(entry.rule().file(), f -> new java.util.ArrayList<>()).add(entry));
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Rule coverage</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:2em}")
                .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}td.n{text-align:right}")
                .append("tr.never{background:#fdd}tr.unreachable{background:#eee;color:#666}</style></head><body>\n")
                .append("<h1>Rule coverage</h1>\n<p>")
                .append(coverage.fired()).append(" of ").append(coverage.counted()).append(" rules fired (")
                .append(String.format(Locale.ROOT, "%.1f", coverage.percent())).append("%); rules version <code>")
                .append(escape(coverage.rulesVersion())).append("</code>.");
        if (!coverage.unreachable().isEmpty()) {
            html.append(" ").append(coverage.unreachable().size()).append(" rule(s) marked unreachable are not counted.");
        }
        html.append("</p>\n");
        for (Map.Entry<String, List<RuleCoverage.Entry>> file : byFile.entrySet()) {
            html.append("<h2>").append(escape(file.getKey())).append("</h2>\n<table>\n")
                    .append("<tr><th>line</th><th>rule</th><th>source</th><th>firings</th></tr>\n");
            for (RuleCoverage.Entry entry : file.getValue()) {
                String css = !entry.counted() ? "unreachable" : entry.firings() == 0 ? "never" : "fired";
                html.append("<tr class=\"").append(css).append("\"><td class=\"n\">").append(entry.rule().line())
                        .append("</td><td>").append(escape(entry.rule().name()));
                if (!entry.counted()) {
                    html.append("<br><small>unreachable: ").append(escape(entry.rule().unreachable())).append("</small>");
                }
                html.append("</td><td>").append(escape(String.valueOf(entry.rule().source()))).append("</td><td class=\"n\">")
                        .append(entry.firings() == 0 ? "never" : String.valueOf(entry.firings())).append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
