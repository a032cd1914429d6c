package dev.vigil.cib.store;

/**
 * Called by {@link CibFileStore#write} after each step that changes the disk, with the step's name,
 * so tests can stop a write there (by throwing an {@link Error}, which skips all clean-up, just as a
 * crash would) and check what {@link CibFileStore#load()} makes of the files left behind.
 */
@FunctionalInterface
interface CrashPoint {
    CrashPoint NONE = step -> { };

    void reached(String step);
}
