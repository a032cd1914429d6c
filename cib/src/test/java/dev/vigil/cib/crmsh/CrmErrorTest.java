package dev.vigil.cib.crmsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every mistake is reported with its line, column and word, and a suggestion where there is one. */
class CrmErrorTest {
    private static String error(String text) {
        CrmSyntaxException e = assertThrows(CrmSyntaxException.class, () -> CrmConfiguration.parse(text, "test.crm"));
        return e.getMessage();
    }

    @Test
    void unknownKeywordSuggestsTheClosestOne() {
        assertEquals("test.crm:2:1: unknown keyword 'primitve' (did you mean 'primitive'?); a statement starts with "
                + "one of: primitive, group, clone, ms, location, colocation, order, property, rsc_defaults, op_defaults, "
                + "node, fencing_topology, xml", error("node n1\nprimitve ip Dummy\n"));
    }

    @Test
    void crmshStatementsVigilDoesNotSpeakPointToXml() {
        assertEquals("test.crm:1:1: 'rsc_ticket' is not supported by Vigil's configure language; write the object as "
                + "XML instead: xml <rsc_ticket id=\"...\" .../>", error("rsc_ticket t1 T: a\n"));
    }

    @Test
    void missingColonAfterALocationScore() {
        assertEquals("test.crm:2:15: missing ':' after the score '100' (write '100:' before 'node1')",
                error("primitive ip Dummy\nlocation l ip 100 node1\n"));
    }

    @Test
    void missingColonAfterAColocationScore() {
        assertEquals("test.crm:3:14: missing ':' after the score 'inf' (write 'inf:' before 'a')",
                error("primitive a Dummy\nprimitive b Dummy\ncolocation c inf a b\n"));
    }

    @Test
    void missingColonAfterARuleScoreOrAnOrderKind() {
        assertEquals("test.crm:2:19: missing ':' after the rule score '100' (write 'rule 100: #uname ...')",
                error("primitive a Dummy\nlocation l a rule 100 #uname eq n1\n"));
        assertEquals("test.crm:3:9: missing ':' after 'Mandatory' (write 'Mandatory: a b')",
                error("primitive a Dummy\nprimitive b Dummy\norder o Mandatory a b\n"));
    }

    @Test
    void unknownResourceInAGroupSuggestsTheClosestId() {
        assertEquals("test.crm:3:12: group 'g' refers to unknown resource 'wbe' (did you mean 'web'?)",
                error("primitive ip Dummy\nprimitive web Dummy\ngroup g ip wbe\n"));
    }

    @Test
    void constraintsMustNameKnownResources() {
        assertEquals("test.crm:2:19: colocation 'c' refers to unknown resource 'ipp' (did you mean 'ip'?)",
                error("primitive ip Dummy\ncolocation c inf: ipp ip\n"));
    }

    @Test
    void duplicateIdNamesTheFirstDefinition() {
        assertEquals("test.crm:3:10: duplicate id 'a': primitive 'a' already has it (line 1)",
                error("primitive a Dummy\nprimitive b Dummy\nlocation a b 1: n1\n"));
        assertEquals("test.crm:2:1: duplicate id 'a' (already used on line 1)",
                error("primitive a Dummy\nxml <primitive id=\"b\" class=\"lsb\" type=\"x\"><meta_attributes id=\"a\"/>"
                        + "</primitive>\n"));
    }

    @Test
    void unterminatedQuotePointsAtTheOpeningQuote() {
        assertEquals("test.crm:1:35: unterminated quote: the value that starts here has no closing '\"' on this line",
                error("primitive a Dummy params greeting=\"hello world\n"));
    }

    @Test
    void aResourceBelongsToOneGroup() {
        assertEquals("test.crm:4:12: resource 'a' is already in group 'g1' (line 3)",
                error("primitive a Dummy\nprimitive b Dummy\ngroup g1 a\ngroup g2 b a\n"));
    }

    @Test
    void badAgentsRolesActionsAndOperators() {
        assertEquals("test.crm:1:13: unknown resource class 'ocff' (did you mean 'ocf'?) (expected one of ocf, lsb, "
                + "service, systemd, stonith, heartbeat, upstart, nagios)", error("primitive a ocff:heartbeat:Dummy\n"));
        assertEquals("test.crm:1:13: an ocf agent needs a provider: write ocf:PROVIDER:Dummy (e.g. ocf:heartbeat:Dummy)",
                error("primitive a ocf:Dummy\n"));
        assertEquals("test.crm:2:21: unknown role 'Promted' (did you mean 'Promoted'?) (expected Started, Stopped, "
                + "Promoted or Unpromoted)", error("primitive a Dummy\ncolocation c inf: a a:Promted\n"));
        assertEquals("test.crm:2:9: unknown action 'strat' in 'a:strat' (did you mean 'start'?) (expected start, "
                + "stop, promote or demote)", error("primitive a Dummy\norder o a:strat a\n"));
        assertEquals("test.crm:2:26: unknown operator 'eqq' (did you mean 'eq'?) (expected lt, gt, lte, gte, eq or "
                + "ne; or 'defined ATTRIBUTE')", error("primitive a Dummy\nlocation l a rule #uname eqq n1\n"));
    }

    @Test
    void malformedXmlIsReportedOnItsLine() {
        String msg = error("xml <primitive id=\"a\" class=\"lsb\" type=\"x\"> \\\n  <meta_attributes id=\"m\"> \\\n"
                + "</primitive>\n");
        assertEquals("test.crm:3:1: malformed XML:", msg.substring(0, "test.crm:3:1: malformed XML:".length()), msg);
    }

    @Test
    void everyMistakeIsReportedInLineOrder() {
        CrmSyntaxException e = assertThrows(CrmSyntaxException.class, () -> CrmConfiguration.parse("""
                primitive a Dummy params x="open
                grop g a
                primitive b Dummy op
                """, "f"));
        assertEquals(List.of(1, 2, 3), e.errors().stream().map(CrmError::line).toList());
        assertEquals("grop", e.errors().get(1).token());
        assertEquals("f:3:21: expected the operation name after 'op' (e.g. monitor) but the statement ends here",
                e.errors().get(2).render("f"));
    }
}
