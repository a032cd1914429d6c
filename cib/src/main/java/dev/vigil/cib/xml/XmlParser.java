package dev.vigil.cib.xml;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses XML into an {@link XmlElement} tree with line numbers. Hostile input is refused: any
 * document type declaration (and so every DTD and external entity) is an error. Thread-safe.
 */
public final class XmlParser {
    private static final XMLInputFactory FACTORY = newFactory();

    private XmlParser() {
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory f = new com.ctc.wstx.stax.WstxInputFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        return f;
    }

    /** Parses a file; errors name the file and line. */
    public static XmlElement parse(Path file) throws XmlParseException, IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        }
    }

    public static XmlElement parse(String xml, String source) throws XmlParseException {
        try {
            return read(FACTORY.createXMLStreamReader(new StringReader(xml)), source);
        } catch (XMLStreamException e) {
            throw wrap(e, source);
        }
    }

    public static XmlElement parse(InputStream in, String source) throws XmlParseException {
        try {
            return read(FACTORY.createXMLStreamReader(in), source);
        } catch (XMLStreamException e) {
            throw wrap(e, source);
        }
    }

    private static XmlParseException wrap(XMLStreamException e, String source) {
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
        String msg = e.getMessage() == null ? "malformed XML" : e.getMessage();
        int cut = msg.indexOf("Message: ");
        if (cut >= 0) {
            msg = msg.substring(cut + "Message: ".length());
        }
        int nl = msg.indexOf('\n');
        if (nl > 0) {
            msg = msg.substring(0, nl); // the parser appends its own location on a second line
        }
        return new XmlParseException(source + ":" + line + ": malformed XML: " + msg.trim(), line, e);
    }

    private static XmlElement read(XMLStreamReader r, String source) throws XMLStreamException, XmlParseException {
        Deque<Builder> stack = new ArrayDeque<>();
        XmlElement root = null;
        try {
            while (r.hasNext()) {
                int ev = r.next();
                switch (ev) {
                    case XMLStreamConstants.DTD -> {
                        int line = r.getLocation().getLineNumber();
                        throw new XmlParseException(source + ":" + line
                                + ": document type declarations (DTD, entities) are not allowed", line, null);
                    }
                    case XMLStreamConstants.ENTITY_REFERENCE -> {
                        int line = r.getLocation().getLineNumber();
                        throw new XmlParseException(source + ":" + line + ": entity reference '&" + r.getLocalName()
                                + ";' is not allowed", line, null);
                    }
                    case XMLStreamConstants.START_ELEMENT -> {
                        int count = r.getAttributeCount();
                        String[] attrs = new String[count * 2];
                        for (int i = 0; i < count; i++) {
                            attrs[2 * i] = qualified(r.getAttributePrefix(i), r.getAttributeLocalName(i));
                            attrs[2 * i + 1] = r.getAttributeValue(i);
                        }
                        stack.push(new Builder(qualified(r.getPrefix(), r.getLocalName()), attrs,
                                r.getLocation().getLineNumber()));
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        Builder b = stack.pop();
                        XmlElement e = new XmlElement(b.name, b.attrs, b.children, b.line);
                        if (stack.isEmpty()) {
                            root = e;
                        } else {
                            stack.peek().children.add(e);
                        }
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (!stack.isEmpty() && !r.isWhiteSpace()) {
                            String t = r.getText();
                            if (!t.isBlank()) {
                                stack.peek().children.add(new XmlText(t));
                            }
                        }
                    }
                    case XMLStreamConstants.COMMENT -> {
                        if (!stack.isEmpty()) {
                            stack.peek().children.add(new XmlComment(r.getText()));
                        }
                    }
                    default -> { }
                }
            }
        } finally {
            r.close();
        }
        if (root == null) {
            throw new XmlParseException(source + ": no XML document found (empty or truncated file)", 0, null);
        }
        return root;
    }

    private static String qualified(String prefix, String local) {
        return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
    }

    private static final class Builder {
        final String name;
        final String[] attrs;
        final int line;
        final List<XmlNode> children = new ArrayList<>(4);

        Builder(String name, String[] attrs, int line) {
            this.name = name;
            this.attrs = attrs;
            this.line = line;
        }
    }
}
