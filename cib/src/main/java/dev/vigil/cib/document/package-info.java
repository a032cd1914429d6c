/**
 * The live CIB document a node daemon keeps: the XML tree, the changes the DC applies to it
 * (status records in Pacemaker's format, configuration edits), version bumps, validation of
 * configuration changes, and persistence through a {@link dev.vigil.cib.document.CibPersistence}.
 */
package dev.vigil.cib.document;
