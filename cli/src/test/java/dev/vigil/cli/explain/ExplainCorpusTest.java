package dev.vigil.cli.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.cli.daemon.ClusterReport;
import dev.vigil.cli.daemon.ClusterSnapshot;
import dev.vigil.cli.simulate.BadInputException;
import dev.vigil.cli.simulate.CibLoader;
import dev.vigil.core.model.Score;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code vigil explain} on every resource of Pacemaker's regression cases ({@code ../shared/conformance/scheduler}):
 * it never fails, and for every node the contributions it itemises add up to the scheduler's own allocation score.
 * Skipped when the corpus is not beside the repository.
 */
class ExplainCorpusTest {
    private static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");

    private static Path cases() {
        for (Path d = Path.of(System.getProperty("user.dir")).toAbsolutePath(); d != null; d = d.getParent()) {
            Path c = d.resolve("../shared/conformance/scheduler/cases").normalize();
            if (Files.isDirectory(c)) {
                return c;
            }
        }
        return null;
    }

    @Test
    void theItemisedContributionsAddUpToTheSchedulersScoresOnEveryCase() throws Exception {
        Path cases = cases();
        assumeTrue(cases != null, "../shared/conformance/scheduler not found");
        List<String> wrong = new ArrayList<>();
        int explained = 0;
        int scores = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(cases, "*.xml")) {
            for (Path f : files) {
                CibLoader.Loaded loaded;
                try {
                    loaded = CibLoader.load(f);
                } catch (BadInputException unreadable) {
                    continue; // the conformance run reports these
                }
                ClusterReport r = ClusterReport.of(new ClusterSnapshot(f.toString(), loaded.cib(), "", null, null,
                        List.of(), null), NOW);
                for (String id : r.resourceNames()) {
                    Explanation e = Explainer.explain(r, id);
                    ExplanationText.text(e);
                    ExplanationText.json(e);
                    explained++;
                    for (Explanation.NodeScore s : e.scores()) {
                        scores++;
                        if (s.score() != s.itemised()) {
                            wrong.add(f.getFileName() + " " + id + " on " + s.node() + ": scheduler "
                                    + Score.format(s.score()) + ", itemised " + Score.format(s.itemised()));
                        }
                    }
                }
            }
        }
        System.out.println("explain: " + explained + " resources, " + scores + " node scores, " + wrong.size()
                + " not itemised completely");
        assertEquals(List.of(), wrong);
    }
}
