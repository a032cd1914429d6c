package dev.vigil.resourceagents.metadata;

import dev.vigil.core.model.Durations;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses the meta-data XML of an OCF agent (resource-agent API 1.0 and 1.1). The
 * {@code <!DOCTYPE resource-agent SYSTEM "ra-api-1.dtd">} line most agents print is skipped,
 * never fetched, and entities are not expanded. Stateless and thread-safe.
 */
public final class MetadataParser {
    private static final XMLInputFactory FACTORY = hardenedInputFactory();

    private MetadataParser() {
    }

    /**
     * Parses {@code xml}; {@code source} names the agent in error messages.
     *
     * @throws IllegalArgumentException when the text is not well-formed resource-agent meta-data
     */
    public static AgentMetadata parse(String xml, String source) {
        String text = xml.strip();
        int start = text.indexOf("<?xml");
        if (start > 0) {
            text = text.substring(start);
        }
        try {
            XMLStreamReader r = FACTORY.createXMLStreamReader(new StringReader(text));
            try {
                return readDocument(r, source);
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNumber();
            throw new IllegalArgumentException("meta-data of " + source + " is not well-formed XML" + where + ": "
                    + firstLine(e.getMessage()), e);
        }
    }

    private static AgentMetadata readDocument(XMLStreamReader r, String source) throws XMLStreamException {
        while (r.hasNext()) {
            if (r.next() == XMLStreamConstants.START_ELEMENT) {
                if (!r.getLocalName().equals("resource-agent")) {
                    throw new IllegalArgumentException("meta-data of " + source + " has root <" + r.getLocalName()
                            + ">, expected <resource-agent>");
                }
                return readAgent(r);
            }
        }
        throw new IllegalArgumentException("meta-data of " + source + " is empty");
    }

    private static AgentMetadata readAgent(XMLStreamReader r) throws XMLStreamException {
        String name = attr(r, "name", "");
        String version = attr(r, "version", "");
        String api = "";
        String shortDesc = "";
        String longDesc = "";
        List<ParameterSpec> params = new ArrayList<>();
        List<ActionSpec> actions = new ArrayList<>();
        int depth = 1;
        while (depth > 0 && r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "version" -> api = text(r);
                    case "shortdesc" -> shortDesc = text(r);
                    case "longdesc" -> longDesc = text(r);
                    case "parameter" -> params.add(readParameter(r));
                    case "action" -> {
                        actions.add(readAction(r));
                        depth++;
                    }
                    default -> depth++;
                }
            }
        }
        return new AgentMetadata(name, version, api, shortDesc, longDesc, params, actions);
    }

    private static ParameterSpec readParameter(XMLStreamReader r) throws XMLStreamException {
        String name = attr(r, "name", "");
        boolean required = dev.vigil.core.model.Booleans.isTrue(attr(r, "required", "0"));
        boolean unique = dev.vigil.core.model.Booleans.isTrue(attr(r, "unique", "0")) || r.getAttributeValue(null, "unique-group") != null;
        boolean reloadable = dev.vigil.core.model.Booleans.isTrue(attr(r, "reloadable", "0"));
        String type = "string";
        String defaultValue = null;
        boolean deprecated = false;
        String shortDesc = "";
        String longDesc = "";
        List<String> options = new ArrayList<>();
        int depth = 1;
        while (depth > 0 && r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "shortdesc" -> shortDesc = text(r);
                    case "longdesc" -> longDesc = text(r);
                    case "content" -> {
                        type = attr(r, "type", "string");
                        defaultValue = r.getAttributeValue(null, "default");
                        depth++;
                    }
                    case "option" -> {
                        options.add(attr(r, "value", ""));
                        depth++;
                    }
                    case "deprecated" -> {
                        deprecated = true;
                        depth++;
                    }
                    default -> depth++;
                }
            }
        }
        return new ParameterSpec(name, type, defaultValue, required, unique, reloadable, deprecated, shortDesc,
                longDesc, options);
    }

    private static ActionSpec readAction(XMLStreamReader r) {
        Duration timeout = duration(r.getAttributeValue(null, "timeout"));
        Duration interval = duration(r.getAttributeValue(null, "interval"));
        int depth = 0;
        try {
            depth = Integer.parseInt(attr(r, "depth", "0").strip());
        } catch (NumberFormatException e) {
            depth = 0;
        }
        String role = r.getAttributeValue(null, "role");
        return new ActionSpec(attr(r, "name", ""), timeout, interval == null ? Duration.ZERO : interval, depth, role);
    }

    private static Duration duration(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        long ms = Durations.parseMillis(text.strip(), -1);
        return ms < 0 ? null : Duration.ofMillis(ms);
    }

    /** The text of the current element, markup inside it ignored; leaves the reader on its end tag. */
    private static String text(XMLStreamReader r) throws XMLStreamException {
        StringBuilder sb = new StringBuilder();
        int depth = 1;
        while (depth > 0 && r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                sb.append(r.getText());
            }
        }
        return sb.toString().strip();
    }

    private static String attr(XMLStreamReader r, String name, String fallback) {
        String v = r.getAttributeValue(null, name);
        return v == null ? fallback : v;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /**
     * A StAX factory for agent output: no DTDs, no external entities, entities not expanded, text
     * coalesced. Shared with the fence-agent metadata reader.
     */
    public static XMLInputFactory hardenedInputFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }
}
