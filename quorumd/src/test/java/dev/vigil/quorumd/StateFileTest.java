package dev.vigil.quorumd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.quorumd.vote.Partition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {
    @TempDir
    Path tmp;

    @Test
    void aMissingDirectoryIsCreatedPrivateAndEmpty() throws IOException {
        Path dir = tmp.resolve("state");
        assertEquals(ServerState.empty(), new StateFile(dir).load());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }

    @Test
    void stateSurvivesARoundTrip() throws IOException {
        StateFile file = new StateFile(tmp);
        ServerState state = new ServerState(Duration.ofMillis(4500),
                Map.of("red", Partition.of("a", "b"), "blue", Partition.of("x")));
        file.save(state);
        assertEquals(state, file.load());
        assertTrue(Files.notExists(tmp.resolve(StateFile.NAME + ".tmp")));
    }

    @Test
    void aDamagedFileIsRefusedWithWhatToDo() throws IOException {
        Files.writeString(tmp.resolve(StateFile.NAME), "{\"format\":1,\"holdLeaseMillis\":");
        StateFileException e = assertThrows(StateFileException.class, () -> new StateFile(tmp).load());
        assertTrue(e.getMessage().contains(tmp.resolve(StateFile.NAME) + " is damaged"), e.getMessage());
        assertTrue(e.getMessage().contains("move it away"), e.getMessage());
    }

    @Test
    void aFileInPlaceOfTheDirectoryIsRefused() throws IOException {
        Path file = tmp.resolve("plain");
        Files.writeString(file, "x");
        StateFileException e = assertThrows(StateFileException.class, () -> new StateFile(file).load());
        assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
    }
}
