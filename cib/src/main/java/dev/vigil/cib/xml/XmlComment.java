package dev.vigil.cib.xml;

/** A comment, kept so that a round trip does not lose an administrator's notes. */
public record XmlComment(String text) implements XmlNode { }
