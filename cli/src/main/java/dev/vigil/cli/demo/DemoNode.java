package dev.vigil.cli.demo;

import dev.vigil.cli.Main;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Main class of a demo node process: {@code DemoNode PARENT_PID vigil-args...}. Runs
 * {@code vigil daemon} as usual, and exits (cleanly, through the daemon's shutdown hook) as soon as
 * the demo process that started it is gone, even when the demo was killed with SIGKILL and could
 * not clean up itself. Not for use outside the demo.
 */
public final class DemoNode {
    /** How long a clean shutdown may take after the demo vanished before the node halts. */
    private static final long SHUTDOWN_GRACE_SECONDS = 15;

    private DemoNode() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: DemoNode PARENT_PID vigil-arguments...");
            System.exit(2);
        }
        long parent = Long.parseLong(args[0]);
        ProcessHandle.of(parent).ifPresentOrElse(p -> p.onExit().thenRun(DemoNode::parentGone), DemoNode::parentGone);
        Main.main(Arrays.copyOfRange(args, 1, args.length));
    }

    private static void parentGone() {
        Thread halt = new Thread(() -> {
            try {
                TimeUnit.SECONDS.sleep(SHUTDOWN_GRACE_SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(1);
        }, "demo-halt");
        halt.setDaemon(true);
        halt.start();
        new Thread(() -> System.exit(0), "demo-parent-gone").start();
    }
}
