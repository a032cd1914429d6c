/**
 * The crm shell configuration language ({@code crm configure show} text): a lexer and parser from
 * text to CIB {@code <configuration>} elements, a renderer back to text, and the two ways of
 * applying text to a CIB (replace the whole configuration, or merge objects into it).
 * {@link dev.vigil.cib.crmsh.CrmConfiguration} is the entry point.
 *
 * <p>Everything here is stateless and thread-safe; documents are immutable {@code XmlElement}
 * trees. Depends on {@code dev.vigil.cib.xml}, {@code dev.vigil.core.model} (scores, roles) and
 * the JDK.
 */
package dev.vigil.cib.crmsh;
