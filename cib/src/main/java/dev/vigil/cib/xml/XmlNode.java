package dev.vigil.cib.xml;

/** A node of Vigil's XML tree: an element, text, or a comment. */
public sealed interface XmlNode permits XmlElement, XmlText, XmlComment { }
