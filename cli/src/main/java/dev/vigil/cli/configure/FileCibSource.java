package dev.vigil.cli.configure;

import dev.vigil.cli.simulate.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A CIB in a file ({@code -x FILE}). */
public record FileCibSource(Path file) implements CibSource {
    @Override
    public String name() {
        return file.toString();
    }

    @Override
    public String read() throws BadInputException {
        return readText(file);
    }

    /** A text file as UTF-8; a missing or unreadable file is a {@link BadInputException} naming it. */
    static String readText(Path file) throws BadInputException {
        try {
            if (Files.isDirectory(file)) {
                throw new BadInputException(file + ": is a directory, not a file");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new BadInputException(file + ": is not UTF-8 text");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage());
        }
    }
}
