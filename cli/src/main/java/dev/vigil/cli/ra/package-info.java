/** {@code vigil ra}: list, describe and run resource agents through the node executor. */
package dev.vigil.cli.ra;
