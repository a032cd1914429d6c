package dev.vigil.cli.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigil.cib.ConfigProblem;
import dev.vigil.cli.ExitCodes;
import dev.vigil.core.scheduler.Scheduler;
import dev.vigil.core.scheduler.Transition;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vigil simulate}: what the scheduler would do with a CIB, as crm_simulate prints it. Writes nothing. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Show what the scheduler would decide for a CIB file, in crm_simulate's format.",
                "Reads the file only; nothing is written or changed."})
public final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-x", "--xml-file", "--cib"}, required = true, paramLabel = "FILE",
            description = "CIB XML file (configuration and status) to simulate.")
    Path file;

    @Option(names = {"-S", "--simulate"}, description = "Also execute the transition in simulation and show "
            + "the revised cluster status.")
    boolean simulate;

    @Option(names = {"-s", "--show-scores"}, description = "Show the allocation scores behind each placement.")
    boolean scores;

    @Option(names = {"--output-as"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json (the transition as JSON).")
    String outputAs;

    @Option(names = {"-d", "--date"}, paramLabel = "TIME",
            description = "Simulate at this time (ISO-8601 or epoch seconds) instead of the CIB's "
                    + "execution-date or the current time.")
    String date;

    @Option(names = "--verbose", description = "Show stack traces on internal errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CibLoader.Loaded loaded;
        try {
            loaded = CibLoader.load(file);
        } catch (BadInputException e) {
            err.println("vigil simulate: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        if (loaded.hasErrors()) {
            for (ConfigProblem p : loaded.problems()) {
                if (p.isError()) {
                    err.println("vigil simulate: " + p.render(file.toString()));
                }
            }
            return ExitCodes.INVALID_CONFIG;
        }
        Instant now = now(loaded);
        Transition t = Scheduler.schedule(loaded.cib(), now);
        if ("json".equalsIgnoreCase(outputAs)) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            out.println(mapper.writeValueAsString(t));
            return ExitCodes.OK;
        }
        if (!"text".equalsIgnoreCase(outputAs)) {
            err.println("vigil simulate: unknown output format '" + outputAs + "' (expected text or json)");
            return ExitCodes.USAGE;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(SimulationText.status("Current cluster status:", t.before())).append('\n');
        if (scores) {
            sb.append(SimulationText.scores(t)).append('\n');
        }
        sb.append(SimulationText.summary(t)).append('\n');
        if (simulate) {
            sb.append(SimulationText.execution(t)).append('\n');
            sb.append(SimulationText.status("Revised Cluster Status:", t.after()));
        }
        out.print(sb);
        out.flush();
        return ExitCodes.OK;
    }

    private Instant now(CibLoader.Loaded loaded) {
        String text = date != null ? date : loaded.document().attr("execution-date");
        if (text != null) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(text.trim()));
            } catch (NumberFormatException e) {
                try {
                    return java.time.OffsetDateTime.parse(text.trim()).toInstant();
                } catch (java.time.format.DateTimeParseException e2) {
                    try {
                        return java.time.LocalDateTime.parse(text.trim().replace(' ', 'T'))
                                .toInstant(java.time.ZoneOffset.UTC);
                    } catch (java.time.format.DateTimeParseException e3) {
                        throw new IllegalArgumentException("'" + text + "' is not a time (expected ISO-8601 "
                                + "such as 2024-05-01T12:00:00Z, or epoch seconds)");
                    }
                }
            }
        }
        return Instant.now();
    }
}
