package dev.vigil.cli.daemon;

import java.io.PrintWriter;

/** Test access to {@link CibDiff}'s package-private XPath query. */
public final class CibDiffAccess {
    private CibDiffAccess() {
    }

    public static int xpath(String xml, String expression, PrintWriter out, PrintWriter err) {
        return CibDiff.xpath(xml, expression, out, err);
    }
}
