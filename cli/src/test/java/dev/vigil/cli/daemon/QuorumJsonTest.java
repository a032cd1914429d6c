package dev.vigil.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.core.controller.QuorumStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuorumJsonTest {

    @Test
    void aPartitionWithoutQuorumAndAnUnreachableServerSaysWhy() throws Exception {
        QuorumStatus q = new QuorumStatus(false, false, 1, 3, 2, List.of("node1"), List.of("node1", "node2"), false,
                false, false, null, null, new QuorumStatus.Source("quorum server q:5403", false, false, List.of(),
                        "no connection to the quorum server: Connection refused"),
                "partition node1 has no quorum (1 of 3 votes, 2 needed)");
        // as it travels over the control socket
        JsonNode json = new ObjectMapper().readTree(QuorumJson.of(q).toString());
        assertEquals(1, json.get("votes").asInt());
        assertTrue(json.get("override_by").isNull());
        String text = QuorumJson.text(json);
        assertTrue(text.startsWith("Quorate:        NO\n"), text);
        assertTrue(text.contains("Votes:          1 of 3 expected, 2 needed\n"), text);
        assertTrue(text.contains("Quorum server:  q:5403, NOT connected, vote not held\n"), text);
        assertTrue(text.contains("  Last word:    no connection to the quorum server: Connection refused\n"), text);
        assertTrue(!text.contains("OVERRIDE"), text);
    }

    @Test
    void anOverrideAndTwoNodeModeAreShown() throws Exception {
        QuorumStatus q = new QuorumStatus(true, false, 1, 2, 1, List.of("node2"), List.of("node1", "node2"), true,
                true, false, "root on node2", Instant.parse("2026-11-22T00:00:00Z"), null,
                "partition node2 has quorum (1 of 2 votes, two-node mode)");
        String text = QuorumJson.text(new ObjectMapper().readTree(QuorumJson.of(q).toString()));
        assertTrue(text.contains("Two-node mode:  on\n"), text);
        assertTrue(text.contains("Wait for all:   on, satisfied\n"), text);
        assertTrue(text.contains("Quorum server:  none\n"), text);
        assertTrue(text.contains("OVERRIDE:       quorum granted by hand by root on node2 at 2026-11-22T00:00:00Z"),
                text);
    }
}
