package dev.vigil.core.model;

import java.util.List;
import java.util.Map;

/** A configured resource: a primitive, a group of primitives, or a clone of one of those. */
public sealed interface Resource permits Primitive, Group, Clone {
    String id();

    /** Meta attributes, already merged from this resource's meta_attributes blocks (not from defaults). */
    Map<String, String> meta();

    /** The primitives inside, in configuration order (itself for a primitive). */
    List<Primitive> primitives();
}
