/**
 * Import of Heartbeat R1 {@code haresources} files into a CIB, as Heartbeat's
 * {@code haresources2cib.py} did: one group per line (its resources start in order on one node),
 * a location preference for the line's node, and each resource mapped to an OCF agent where
 * Vigil knows its equivalent (see {@link dev.vigil.cib.haresources.ResourceMapping}), to an LSB
 * init script otherwise. {@link dev.vigil.cib.haresources.HaresourcesImport} is the entry point.
 *
 * <p>Stateless and thread-safe; reads no files (the caller passes the text). Depends on
 * {@code dev.vigil.cib.xml}, {@code dev.vigil.cib.store} (the minimal CIB) and the JDK.
 */
package dev.vigil.cib.haresources;
