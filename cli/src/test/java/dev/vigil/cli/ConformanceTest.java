package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.cli.simulate.BadInputException;
import dev.vigil.cli.simulate.CibLoader;
import dev.vigil.cli.simulate.SimulationText;
import dev.vigil.core.scheduler.Scheduler;
import dev.vigil.core.scheduler.Transition;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the scheduler over Pacemaker's regression cases in {@code ../shared/conformance/scheduler},
 * scores the Transition Summary as that folder's {@code check.py} does (strict and decision), prints
 * the rates per tier and fails when a rate falls below the committed baseline
 * ({@code conformance-baseline.properties}) or a case takes longer than 5 s.
 * Per-case results go to {@code target/conformance-results.tsv}.
 */
class ConformanceTest {
    private static final Pattern INSTANCE = Pattern.compile("(\\S+?):\\d+(\\s)");
    private static final Pattern DECISION = Pattern.compile("^(\\*\\s+\\S+(?:\\s+\\(\\w+\\))?\\s+\\S+\\s+(?:\\([^)]*\\))?)");

    static Path corpus() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path c = d.resolve("../shared/conformance/scheduler").normalize();
            if (Files.isDirectory(c.resolve("cases"))) {
                return c;
            }
        }
        return null;
    }

    static List<String> summaryBlock(String text) {
        List<String> lines = new ArrayList<>();
        boolean on = false;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("Transition Summary:")) {
                on = true;
                continue;
            }
            if (on && (line.startsWith("Executing Cluster Transition:") || line.startsWith("Revised Cluster Status:")
                    || line.startsWith("Current cluster status:"))) {
                break;
            }
            if (on && !line.isBlank()) {
                lines.add(String.join(" ", line.trim().split("\\s+")));
            }
        }
        return lines;
    }

    static String decision(String line) {
        Matcher m = INSTANCE.matcher(line + " ");
        String s = m.replaceAll("$1$2").trim();
        Matcher d = DECISION.matcher(s);
        return String.join(" ", (d.find() ? d.group(1) : s).trim().split("\\s+"));
    }

    static Map<String, Integer> multiset(List<String> lines) {
        Map<String, Integer> m = new HashMap<>();
        for (String l : lines) {
            m.merge(decision(l), 1, Integer::sum);
        }
        return m;
    }

    static String run(Path xml) throws BadInputException {
        CibLoader.Loaded loaded = CibLoader.load(xml);
        String date = loaded.document().attr("execution-date");
        Instant now = date != null ? Instant.ofEpochSecond(Long.parseLong(date.trim())) : Instant.now();
        Transition t = Scheduler.schedule(loaded.cib(), now);
        return SimulationText.summary(t);
    }

    @Test
    void schedulerMatchesPacemakerOnRegressionCases() throws Exception {
        Path corpus = corpus();
        if (corpus == null) {
            assumeTrue(!Boolean.getBoolean("conformance.optional"),
                    "../shared/conformance/scheduler not found (pass -Dconformance.optional=true to skip)");
            throw new IllegalStateException("../shared/conformance/scheduler not found beside the repository; "
                    + "run the tests from a checkout that has shared/ next to it, or pass -Dconformance.optional=true");
        }
        Properties baseline = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/conformance-baseline.properties")) {
            baseline.load(in);
        }
        String only = System.getProperty("conformance.only", "");
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(corpus.resolve("index.tsv")).subList(1,
                Files.readAllLines(corpus.resolve("index.tsv")).size())) {
            String[] f = line.split("\t");
            if (only.isEmpty() || List.of(only.split(",")).contains(f[0])) {
                rows.add(f);
            }
        }
        int[] total = new int[3];
        int[] strict = new int[3];
        int[] dec = new int[3];
        List<String> slow = new ArrayList<>();
        StringBuilder report = new StringBuilder("case\ttier\tstrict\tdecision\tms\n");
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "conformance-case");
            t.setDaemon(true);
            return t;
        });
        try {
            for (String[] row : rows) {
                String name = row[0];
                int tier = Integer.parseInt(row[1]);
                List<String> want = summaryBlock(Files.readString(corpus.resolve("cases/" + name + ".summary")));
                List<String> got = null;
                long t0 = System.nanoTime();
                Future<String> f = pool.submit(() -> run(corpus.resolve("cases/" + name + ".xml")));
                try {
                    got = summaryBlock(f.get(5, TimeUnit.SECONDS));
                } catch (TimeoutException e) {
                    f.cancel(true);
                    slow.add(name);
                    pool.shutdownNow();
                    pool = Executors.newSingleThreadExecutor();
                } catch (java.util.concurrent.ExecutionException e) {
                    got = null;
                }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                boolean s = want.equals(got);
                boolean d = got != null && multiset(want).equals(multiset(got));
                total[tier]++;
                strict[tier] += s ? 1 : 0;
                dec[tier] += d ? 1 : 0;
                report.append(name).append('\t').append(tier).append('\t').append(s).append('\t').append(d)
                        .append('\t').append(ms).append('\n');
            }
        } finally {
            pool.shutdownNow();
        }
        Path out = Path.of("target/conformance-results.tsv");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        List<String> failures = new ArrayList<>();
        for (int tier = 1; tier <= 2; tier++) {
            if (total[tier] == 0) {
                continue;
            }
            double sp = 100.0 * strict[tier] / total[tier];
            double dp = 100.0 * dec[tier] / total[tier];
            System.out.printf("conformance tier %d: strict %d/%d (%.1f%%) decision %d/%d (%.1f%%)%n", tier,
                    strict[tier], total[tier], sp, dec[tier], total[tier], dp);
            if (!only.isEmpty()) {
                continue;
            }
            double minStrict = Double.parseDouble(baseline.getProperty("tier" + tier + ".strict", "0"));
            double minDecision = Double.parseDouble(baseline.getProperty("tier" + tier + ".decision", "0"));
            if (sp < minStrict) {
                failures.add(String.format("tier %d strict %.1f%% is below the baseline %.1f%%", tier, sp, minStrict));
            }
            if (dp < minDecision) {
                failures.add(String.format("tier %d decision %.1f%% is below the baseline %.1f%%", tier, dp,
                        minDecision));
            }
        }
        assertTrue(slow.isEmpty(), "cases over 5 s: " + slow);
        assertTrue(failures.isEmpty(), String.join("; ", failures));
    }
}
