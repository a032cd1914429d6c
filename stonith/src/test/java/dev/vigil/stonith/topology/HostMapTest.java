package dev.vigil.stonith.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostMapTest {

    @Test
    void parsesColonAndSemicolonForm() {
        assertEquals(Map.of("node1", "1", "node2", "2"), HostMap.parse("node1:1;node2:2"));
    }

    @Test
    void acceptsEqualsSpacesAndCommasBetweenEntries() {
        assertEquals(Map.of("node1", "p1", "node2", "p2", "node3", "p3"),
                HostMap.parse(" node1=p1, node2=p2 ;node3:p3 "));
        assertEquals(Map.of("node1", "p1", "node2", "p2"), HostMap.parse("node1: p1\tnode2 = p2"));
    }

    @Test
    void commaWithoutSeparatorContinuesTheValue() {
        // "Pacemaker Explained": node1:1;node2:2,3 gives node2 ports 2 and 3
        assertEquals(Map.of("node1", "1", "node2", "2,3"), HostMap.parse("node1:1;node2:2,3"));
    }

    @Test
    void backslashEscapesSpecialCharacters() {
        assertEquals(Map.of("vm1", "my vm;1", "vm2", "a:b"), HostMap.parse("vm1:my\\ vm\\;1;vm2:a\\:b"));
    }

    @Test
    void keepsDocumentOrder() {
        assertEquals(List.of("z", "a", "m"), List.copyOf(HostMap.parse("z:1;a:2;m:3").keySet()));
    }

    @Test
    void refusesEntriesWithoutNodeOrValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HostMap.parse("node1:1;junk"));
        assertTrue(e.getMessage().contains("'junk'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HostMap.parse(":1"));
        assertThrows(IllegalArgumentException.class, () -> HostMap.parse("node1:"));
    }

    @Test
    void parsesHostLists() {
        assertEquals(List.of("n1", "n2", "n3"), HostMap.parseList("n1 n2,n3;; n1"));
        assertEquals(List.of(), HostMap.parseList("  "));
    }
}
