/**
 * The offline configuration commands: {@code vigil import haresources|cib} (bring a Heartbeat R1
 * {@code haresources} file or a Pacemaker {@code cib.xml} to the CIB Vigil writes) and
 * {@code vigil configure show|verify|load} over a CIB taken from a {@link dev.vigil.cli.configure.CibSource}
 * (a file today; the live CIB through the daemon can be another source). The language and the
 * import logic live in {@code dev.vigil.cib.crmsh} and {@code dev.vigil.cib.haresources}; these
 * classes only read, print and choose exit codes ({@link dev.vigil.cli.ExitCodes}).
 */
package dev.vigil.cli.configure;
