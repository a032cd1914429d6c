package dev.vigil.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil completion bash|zsh}: prints a shell completion script for every vigil command and option. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script for vigil (commands, subcommands and options).",
                "bash: source <(vigil completion bash), or save it as /etc/bash_completion.d/vigil.",
                "zsh:  source <(vigil completion zsh) (the same script; it loads zsh's bashcompinit)."})
public final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
    String shell;

    @Override
    public Integer call() {
        String script = AutoComplete.bash("vigil", spec.root().commandLine());
        switch (shell) {
            // picocli's script sets itself up in zsh too (bashcompinit), so both shells get the same one
            case "bash", "zsh" -> spec.commandLine().getOut().print(script);
            default -> {
                spec.commandLine().getErr().println("vigil completion: unknown shell '" + shell
                        + "' (expected bash or zsh)");
                return ExitCodes.USAGE;
            }
        }
        return ExitCodes.OK;
    }
}
