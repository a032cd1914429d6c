package dev.vigil.resourceagents.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataParserTest {
    private static final String IPADDR = """
            <?xml version="1.0"?>
            <!DOCTYPE resource-agent SYSTEM "ra-api-1.dtd">
            <resource-agent name="IPaddr2" version="1.0">
            <version>1.0</version>
            <longdesc lang="en">Manages virtual <b>IPv4</b> addresses.</longdesc>
            <shortdesc lang="en">Manages virtual IPv4 and IPv6 addresses</shortdesc>
            <parameters>
            <parameter name="ip" unique="1" required="1">
            <shortdesc lang="en">IPv4 or IPv6 address</shortdesc>
            <content type="string" default="" />
            </parameter>
            <parameter name="cidr_netmask"><content type="integer" default=""/></parameter>
            <parameter name="lvs_support" reloadable="1"><content type="boolean" default="false"/></parameter>
            <parameter name="mode"><content type="select" default="a"><option value="a"/><option value="b"/></content></parameter>
            </parameters>
            <actions>
            <action name="start"   timeout="20s" />
            <action name="monitor" depth="0"  timeout="20s" interval="10s" />
            <action name="monitor" depth="10" timeout="60" interval="1m" role="Promoted"/>
            <action name="meta-data"  timeout="5s" />
            </actions>
            </resource-agent>
            """;

    @Test
    void readsParametersAndActions() {
        AgentMetadata md = MetadataParser.parse(IPADDR, "ocf:heartbeat:IPaddr2");
        assertEquals("IPaddr2", md.name());
        assertEquals("1.0", md.apiVersion());
        assertEquals("Manages virtual IPv4 and IPv6 addresses", md.shortDesc());
        assertEquals("Manages virtual IPv4 addresses.", md.longDesc());
        ParameterSpec ip = md.parameter("ip").orElseThrow();
        assertTrue(ip.required() && ip.unique());
        assertEquals("IPv4 or IPv6 address", ip.shortDesc());
        assertTrue(md.parameter("lvs_support").orElseThrow().reloadable());
        assertEquals("false", md.parameter("lvs_support").orElseThrow().defaultValue());
        assertEquals(List.of("a", "b"), md.parameter("mode").orElseThrow().options());
        assertEquals(Duration.ofSeconds(20), md.action("start").orElseThrow().timeout());
        ActionSpec deep = md.actions().get(2);
        assertEquals(10, deep.depth());
        assertEquals(Duration.ofSeconds(60), deep.timeout());
        assertEquals(Duration.ofMinutes(1), deep.interval());
        assertEquals("Promoted", deep.role());
        assertEquals(0, md.action("monitor").orElseThrow().depth());
    }

    @Test
    void checksInstanceAttributes() {
        AgentMetadata md = MetadataParser.parse(IPADDR, "ocf:heartbeat:IPaddr2");
        assertEquals(List.of(), ParameterCheck.problems(md, Map.of("ip", "10.0.0.5", "cidr_netmask", "24"), "a"));
        assertEquals(List.of("missing required parameter 'ip' of a (IPv4 or IPv6 address)"),
                ParameterCheck.problems(md, Map.of(), "a"));
        List<String> typed = ParameterCheck.problems(md,
                Map.of("ip", "x", "cidr_netmask", "/24", "lvs_support", "maybe", "mode", "c"), "a");
        assertEquals(3, typed.size(), typed.toString());
        assertEquals(List.of("bogus"), ParameterCheck.undeclared(md, Map.of("ip", "x", "bogus", "1")));
    }

    @Test
    void neverResolvesExternalEntities(@TempDir Path tmp) throws Exception {
        Path secret = tmp.resolve("secret");
        Files.writeString(secret, "TOPSECRET");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file://" + secret + "\">]>"
                + "<resource-agent name=\"x\"><shortdesc>&x;</shortdesc></resource-agent>";
        try {
            AgentMetadata md = MetadataParser.parse(xxe, "evil");
            assertFalse(md.shortDesc().contains("TOPSECRET"));
        } catch (IllegalArgumentException e) {
            assertFalse(e.getMessage().contains("TOPSECRET"));
        }
    }

    @Test
    void malformedMetadataIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MetadataParser.parse("<resource-agent name=\"x\"><parameters>", "ocf:x:y"));
        assertTrue(e.getMessage().startsWith("meta-data of ocf:x:y is not well-formed XML"), e.getMessage());
        IllegalArgumentException root = assertThrows(IllegalArgumentException.class,
                () -> MetadataParser.parse("<html/>", "ocf:x:y"));
        assertTrue(root.getMessage().contains("expected <resource-agent>"), root.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MetadataParser.parse("usage: foo", "ocf:x:y"));
    }

    @Test
    void lsbHeadersBecomeMetadata() {
        String script = """
                #!/bin/sh
                ### BEGIN INIT INFO
                # Provides:          nginx
                # Short-Description: starts the nginx web server
                # Description:       starts nginx using start-stop-daemon
                #                    and a pid file
                ### END INIT INFO
                """;
        AgentMetadata md = LsbHeader.metadata("nginx", script);
        assertEquals("starts the nginx web server", md.shortDesc());
        assertEquals("starts nginx using start-stop-daemon and a pid file", md.longDesc());
        assertTrue(md.supports("status"));
        AgentMetadata again = MetadataParser.parse(LsbHeader.toXml(md), "lsb:nginx");
        assertEquals(md.shortDesc(), again.shortDesc());
    }
}
