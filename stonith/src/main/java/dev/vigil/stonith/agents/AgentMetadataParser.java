package dev.vigil.stonith.agents;

import dev.vigil.resourceagents.metadata.MetadataParser;
import dev.vigil.stonith.spi.DeviceAction;
import dev.vigil.stonith.spi.DriverMetadata;
import dev.vigil.stonith.spi.ParameterInfo;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses the metadata XML a fence agent prints for {@code action=metadata}
 * ({@code <resource-agent name shortdesc><longdesc/><parameters/><actions/>}). DTDs are not
 * supported and entities are not expanded, so a hostile agent cannot make the daemon read local
 * files or fetch URLs. Stateless and thread-safe.
 */
public final class AgentMetadataParser {
    private static final XMLInputFactory FACTORY = MetadataParser.hardenedInputFactory();

    private AgentMetadataParser() {
    }

    /**
     * Parses {@code xml}; {@code source} names the agent in error messages.
     *
     * @throws IllegalArgumentException when the text is not well-formed fence-agent metadata
     */
    public static DriverMetadata parse(String xml, String source) {
        String text = xml.strip();
        int start = text.indexOf('<');
        if (start < 0) {
            throw new IllegalArgumentException("metadata of " + source + " contains no XML");
        }
        text = text.substring(start);
        try {
            XMLStreamReader r = FACTORY.createXMLStreamReader(new StringReader(text));
            try {
                while (r.hasNext()) {
                    if (r.next() == XMLStreamConstants.START_ELEMENT) {
                        if (!r.getLocalName().equals("resource-agent")) {
                            throw new IllegalArgumentException("metadata of " + source + " has root <"
                                    + r.getLocalName() + ">, expected <resource-agent>");
                        }
                        return readAgent(r, source);
                    }
                }
                throw new IllegalArgumentException("metadata of " + source + " has no <resource-agent> element");
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNumber();
            String msg = e.getMessage() == null ? "" : e.getMessage().lines().reduce((a, b) -> b).orElse("");
            throw new IllegalArgumentException("metadata of " + source + " is not well-formed XML" + where + ": "
                    + msg.strip(), e);
        }
    }

    private static DriverMetadata readAgent(XMLStreamReader r, String source) throws XMLStreamException {
        String name = attr(r, "name", source);
        String shortDesc = attr(r, "shortdesc", "");
        String longDesc = "";
        List<ParameterInfo> params = new ArrayList<>();
        Set<DeviceAction> actions = EnumSet.noneOf(DeviceAction.class);
        int depth = 1;
        while (depth > 0 && r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "longdesc":
                        longDesc = r.getElementText().strip();
                        break;
                    case "shortdesc":
                        if (shortDesc.isEmpty()) {
                            shortDesc = r.getElementText().strip();
                        } else {
                            skip(r);
                        }
                        break;
                    case "parameter":
                        params.add(readParameter(r));
                        break;
                    case "action":
                        DeviceAction.find(r.getAttributeValue(null, "name")).ifPresent(actions::add);
                        skip(r);
                        break;
                    case "parameters":
                    case "actions":
                        depth++;
                        break;
                    default:
                        skip(r);
                        break;
                }
            }
        }
        return new DriverMetadata(name, shortDesc, longDesc, params, actions);
    }

    private static ParameterInfo readParameter(XMLStreamReader r) throws XMLStreamException {
        String name = attr(r, "name", "");
        boolean required = "1".equals(attr(r, "required", "0"));
        boolean deprecated = "1".equals(attr(r, "deprecated", "0"));
        String type = "string";
        String def = null;
        String desc = "";
        int depth = 1;
        while (depth > 0 && r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "content":
                        type = attr(r, "type", "string");
                        def = r.getAttributeValue(null, "default");
                        skip(r);
                        break;
                    case "shortdesc":
                        desc = r.getElementText().strip();
                        break;
                    case "longdesc":
                        String l = r.getElementText().strip();
                        desc = desc.isEmpty() ? l : desc;
                        break;
                    default:
                        skip(r);
                        break;
                }
            }
        }
        return new ParameterInfo(name, desc, type, def, required, deprecated);
    }

    /** Skips the current element and everything inside it. */
    private static void skip(XMLStreamReader r) throws XMLStreamException {
        int depth = 1;
        while (depth > 0 && r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    private static String attr(XMLStreamReader r, String name, String fallback) {
        String v = r.getAttributeValue(null, name);
        return v == null ? fallback : v;
    }
}
