package dev.vigil.cib.store;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.core.model.CibVersion;
import java.time.Instant;

/** Small CIB fixtures for the store tests. */
final class TestCibs {
    private TestCibs() {
    }

    /** A valid minimal CIB at version 0.{@code epoch}.0. */
    static XmlElement atEpoch(long epoch) {
        return CibVersions.withVersion(MinimalCib.create("test", null, Instant.EPOCH), new CibVersion(0, epoch, 0));
    }
}
