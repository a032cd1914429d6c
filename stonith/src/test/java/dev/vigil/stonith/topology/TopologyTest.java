package dev.vigil.stonith.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.model.FencingLevel;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopologyTest {
    static final List<FencingLevel> LEVELS = List.of(
            new FencingLevel("a2", "node1", null, 2, List.of("pdu1", "pdu2")),
            new FencingLevel("a1", "node1", null, 1, List.of("ipmi1")),
            new FencingLevel("p1", null, "^web-[0-9]+$", 1, List.of("vmhost")),
            new FencingLevel("p2", null, "web", 1, List.of("other")),
            new FencingLevel("bad", null, "[", 1, List.of("x")));

    @Test
    void levelsOfANamedTargetInIndexOrder() {
        assertEquals(List.of("a1", "a2"), Topology.levelsFor(LEVELS, "node1").stream().map(FencingLevel::id).toList());
    }

    @Test
    void firstMatchingPatternWins() {
        assertEquals(List.of("p1"), Topology.levelsFor(LEVELS, "web-12").stream().map(FencingLevel::id).toList());
        assertEquals(List.of("p2"), Topology.levelsFor(LEVELS, "webx").stream().map(FencingLevel::id).toList());
        assertEquals(List.of(), Topology.levelsFor(LEVELS, "db1"));
    }

    @Test
    void reportsBadPatterns() {
        List<String> problems = Topology.problems(LEVELS);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("fencing-level 'bad' has an invalid target-pattern '['"));
    }
}
