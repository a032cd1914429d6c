package dev.vigil.core.scheduler;

import dev.vigil.core.model.Role;

/** One resolved colocation: {@code dependent} is placed relative to {@code primary}. */
record Coloc(String id, Rsc dependent, Rsc primary, int score, Role dependentRole, Role primaryRole,
             String nodeAttribute) {
}
