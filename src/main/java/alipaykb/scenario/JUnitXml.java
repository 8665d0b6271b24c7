package alipaykb.scenario;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** A run of scenarios as a JUnit XML report, the format CI servers read: one test case per scenario file. */
public final class JUnitXml {
    private JUnitXml() {
    }

    /** The report for a run. */
    public static String of(List<ScenarioOutcome> outcomes, String rulesVersion, double seconds) {
        long failures = outcomes.stream().filter(o -> o.status() == ScenarioOutcome.Status.FAILED).count();
        long errors = outcomes.stream().filter(o -> o.status() == ScenarioOutcome.Status.ERROR).count();
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "alipay-kb scenarios");
            xml.writeAttribute("tests", String.valueOf(outcomes.size()));
            xml.writeAttribute("failures", String.valueOf(failures));
            xml.writeAttribute("errors", String.valueOf(errors));
            xml.writeAttribute("skipped", "0");
            xml.writeAttribute("time", String.format(java.util.Locale.ROOT, "%.3f", seconds));
            xml.writeCharacters("\n  ");
            xml.writeStartElement("properties");
            xml.writeEmptyElement("property");
            xml.writeAttribute("name", "rulesVersion");
            xml.writeAttribute("value", rulesVersion);
            xml.writeEndElement();
            for (ScenarioOutcome outcome : outcomes) {
                xml.writeCharacters("\n  ");
                xml.writeStartElement("testcase");
                Path parent = outcome.file().getParent();
                xml.writeAttribute("classname", parent == null ? "scenarios" : parent.toString().replace('/', '.'));
                xml.writeAttribute("name", outcome.scenario() == null ? outcome.file().getFileName().toString()
                        : outcome.scenario());
                xml.writeAttribute("file", outcome.file().toString());
                if (outcome.status() != ScenarioOutcome.Status.PASSED) {
                    String body = String.join("\n", outcome.differences());
                    xml.writeCharacters("\n    ");
                    xml.writeStartElement(outcome.status() == ScenarioOutcome.Status.FAILED ? "failure" : "error");
                    xml.writeAttribute("message", outcome.differences().isEmpty() ? "failed" : outcome.differences().get(0));
                    xml.writeCharacters(clean(body));
                    xml.writeEndElement();
                    xml.writeCharacters("\n  ");
                }
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the JUnit report", e);
        }
        return text.toString();
    }

    /** XML 1.0 cannot hold control characters other than tab and newline. */
    private static String clean(String text) {
        return text.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "?");
    }
}
