/**
 * Cluster membership over redundant links with JGroups; no JGroups type leaves this module.
 * Depends on {@code core}. Built by the daemon issue; empty until then.
 */
package dev.vigil.membership;
