package dev.vigil.cib.xml;

/** Character data inside an element (whitespace-only text between elements is not kept). */
public record XmlText(String text) implements XmlNode { }
