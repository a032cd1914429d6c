package dev.vigil.cib.crmsh;

import dev.vigil.cib.xml.XmlElement;
import java.util.List;

/**
 * What one statement defines: its kind, id, the element it becomes and the words that name other
 * objects (members of a group or clone, resources of a constraint), kept for located errors.
 *
 * @param kind       what the statement defines
 * @param id         the object's id (for a node: its node id)
 * @param at         the word to point at in errors about the object as a whole (its id)
 * @param element    the element; a group or clone without its member resources
 * @param members    the members of a group, or the one child of a clone
 * @param references the resources a constraint names
 * @param section    the {@code <configuration>} section the element belongs in
 * @param explicitId for a node, whether the id was written (otherwise it is the uname)
 */
record CrmObject(Kind kind, String id, Token at, XmlElement element, List<Token> members, List<Token> references,
                 String section, boolean explicitId) {
    enum Kind { NODE, PRIMITIVE, GROUP, CLONE, CONSTRAINT, NVSET, FENCING, RAW }

    CrmObject {
        members = List.copyOf(members);
        references = List.copyOf(references);
    }

    static CrmObject of(Kind kind, Token at, XmlElement element, String section) {
        return new CrmObject(kind, element.attr("id"), at, element, List.of(), List.of(), section, true);
    }

    boolean isResource() {
        return kind == Kind.PRIMITIVE || kind == Kind.GROUP || kind == Kind.CLONE
                || (kind == Kind.RAW && section.equals("resources"));
    }
}
