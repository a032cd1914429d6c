/**
 * Vigil's immutable model of the CIB: configuration (nodes, resources, constraints, options) and
 * status (node states, operation history). Records only; depends on nothing but the JDK.
 */
package dev.vigil.core.model;
