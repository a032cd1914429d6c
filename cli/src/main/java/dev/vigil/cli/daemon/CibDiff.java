package dev.vigil.cli.daemon;

import dev.vigil.cib.crmsh.CrmConfiguration;
import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlParseException;
import dev.vigil.cib.xml.XmlParser;
import dev.vigil.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * {@code vigil cib diff A B} (the configurations of two CIB files, compared in the crm shell
 * language so the difference reads as the change an admin would type) and {@code vigil cib query
 * --xpath}. Stateless.
 */
final class CibDiff {
    private CibDiff() {
    }

    /** Prints a unified diff; exit 0 when the configurations are the same, 1 when they differ, 3 bad input. */
    static int run(String a, String b, PrintWriter out, PrintWriter err) {
        if (a == null || b == null) {
            err.println("vigil cib diff: give two CIB files: vigil cib diff OLD NEW");
            return ExitCodes.USAGE;
        }
        List<String> left;
        List<String> right;
        try {
            left = lines(a);
            right = lines(b);
        } catch (IOException | XmlParseException | IllegalArgumentException e) {
            err.println("vigil cib diff: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        List<String> diff = unified(left, right);
        if (diff.isEmpty()) {
            return ExitCodes.OK;
        }
        out.println("--- " + a);
        out.println("+++ " + b);
        diff.forEach(out::println);
        return 1;
    }

    private static List<String> lines(String file) throws IOException, XmlParseException {
        XmlElement root = XmlParser.parse(Files.readString(Path.of(file)), file);
        return CrmConfiguration.render(root).lines().toList();
    }

    /** The lines only in {@code a} ('-') or only in {@code b} ('+'), with common lines (' ') around them. */
    static List<String> unified(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> all = new ArrayList<>();
        int i = 0;
        int j = 0;
        boolean changed = false;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                all.add(" " + a.get(i++));
                j++;
            } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                all.add("+" + b.get(j++));
                changed = true;
            } else {
                all.add("-" + a.get(i++));
                changed = true;
            }
        }
        if (!changed) {
            return List.of();
        }
        // keep two lines of context around changes
        List<String> out = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            boolean near = false;
            for (int d = -2; d <= 2 && !near; d++) {
                int x = k + d;
                near = x >= 0 && x < all.size() && !all.get(x).startsWith(" ");
            }
            if (near) {
                if (!out.isEmpty() && k > 0 && !nearChange(all, k - 1)) {
                    out.add("@@");
                }
                out.add(all.get(k));
            }
        }
        return out;
    }

    private static boolean nearChange(List<String> all, int k) {
        for (int d = -2; d <= 2; d++) {
            int x = k + d;
            if (x >= 0 && x < all.size() && !all.get(x).startsWith(" ")) {
                return true;
            }
        }
        return false;
    }

    /** Prints what {@code expression} selects in {@code xml}: elements as XML, other nodes as text. */
    static int xpath(String xml, String expression, PrintWriter out, PrintWriter err) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            f.setXIncludeAware(false);
            Document doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
            NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(expression, doc,
                    XPathConstants.NODESET);
            if (nodes.getLength() == 0) {
                err.println("vigil cib query: nothing matches " + expression);
                return 1;
            }
            TransformerFactory tf = TransformerFactory.newInstance();
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer t = tf.newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            for (int k = 0; k < nodes.getLength(); k++) {
                Node node = nodes.item(k);
                if (node.getNodeType() == Node.ELEMENT_NODE) {
                    StringWriter w = new StringWriter();
                    t.transform(new DOMSource(node), new StreamResult(w));
                    out.println(w);
                } else {
                    out.println(node.getNodeValue());
                }
            }
            return ExitCodes.OK;
        } catch (XPathExpressionException e) {
            err.println("vigil cib query: the XPath '" + expression + "' is invalid: "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
            return ExitCodes.USAGE;
        } catch (Exception e) {
            err.println("vigil cib query: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
    }
}
