package dev.vigil.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code vigil quorumd ...}: the quorum server, exactly as {@code bin/vigil-quorumd ...}
 * ({@link dev.vigil.quorumd.QuorumdCommand}): every argument, {@code --help} included, is passed on.
 */
@Command(name = "quorumd",
        description = {"Run the quorum server for split-site clusters (same as bin/vigil-quorumd);",
                "'vigil quorumd --help' lists its options, 'vigil quorumd certs --help' the certificate maker."})
public final class QuorumdSubcommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        return dev.vigil.quorumd.Main.run(args.toArray(String[]::new), spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }
}
