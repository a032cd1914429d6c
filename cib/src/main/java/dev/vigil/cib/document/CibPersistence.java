package dev.vigil.cib.document;

import dev.vigil.cib.xml.XmlElement;
import java.io.IOException;

/** Where a live CIB is written after each change; must be durable when {@link #write} returns. */
@FunctionalInterface
public interface CibPersistence {
    void write(XmlElement cib) throws IOException;

    /** For tests and offline tools: keeps nothing. */
    static CibPersistence none() {
        return cib -> { };
    }
}
