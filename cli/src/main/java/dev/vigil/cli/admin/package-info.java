/**
 * {@code vigil resource} and {@code vigil node}: administration through the local daemon's control
 * socket, as Pacemaker's {@code crm_resource} and {@code crm_standby} do it. Thin picocli commands;
 * the daemon ({@code dev.vigil.cli.daemon}) decides and changes. Depends on {@code cli.daemon}
 * (the socket client and option) only.
 */
package dev.vigil.cli.admin;
