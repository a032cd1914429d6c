package dev.vigil.core.port;

import dev.vigil.core.model.OperationRecord;
import java.util.Map;
import java.util.Objects;

/**
 * One change the DC makes to the CIB. Configuration changes bump {@code epoch} (and reset
 * {@code num_updates}); status changes bump {@code num_updates}. Immutable.
 */
public sealed interface CibChange {

    /** Whether this change touches the configuration section (and so bumps {@code epoch}). */
    boolean isConfiguration();

    /**
     * A node is a member: make sure it has a {@code <node>} entry (a configuration change only if
     * it is new) and mark its {@code node_state} in the cluster and online. {@code bootId} names
     * the node daemon's incarnation (kept as the {@code vigil-boot-id} attribute of its
     * {@code node_state}); when it differs from the recorded one the daemon restarted with a fresh
     * executor, so the node's resource history is cleared and the scheduler probes it again.
     */
    record NodeJoined(String node, String bootId) implements CibChange {
        public NodeJoined {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(bootId, "bootId");
        }

        @Override
        public boolean isConfiguration() {
            return false;
        }
    }

    /** A node left the membership: mark its {@code node_state} out of the cluster and offline. */
    record NodeLeft(String node) implements CibChange {
        public NodeLeft {
            Objects.requireNonNull(node, "node");
        }

        @Override
        public boolean isConfiguration() {
            return false;
        }
    }

    /**
     * Forget a node's resource history ({@code <lrm>}), as when it rejoins with a fresh executor or
     * was fenced: the scheduler then probes it.
     */
    record NodeHistoryCleared(String node) implements CibChange {
        public NodeHistoryCleared {
            Objects.requireNonNull(node, "node");
        }

        @Override
        public boolean isConfiguration() {
            return false;
        }
    }

    /**
     * A node was fenced: it is down and runs nothing, cleanly ({@code expected="down"}), and its
     * resource history and transient attributes are forgotten, so its resources may be recovered
     * elsewhere and the node is probed when it comes back.
     */
    record NodeFenced(String node) implements CibChange {
        public NodeFenced {
            Objects.requireNonNull(node, "node");
        }

        @Override
        public boolean isConfiguration() {
            return false;
        }
    }

    /**
     * The result of an operation on a node, recorded as Pacemaker does: the last one-shot result
     * as {@code RSC_last_0}, a failure also as {@code RSC_last_failure_0}, a recurring monitor under
     * its own key; a stop removes the resource's recurring entries.
     */
    record OperationRecorded(String node, String resourceId, ResourceAgentId agent, OperationRecord record)
            implements CibChange {
        public OperationRecorded {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(resourceId, "resourceId");
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(record, "record");
        }

        @Override
        public boolean isConfiguration() {
            return false;
        }
    }

    /**
     * Sets (or, for a {@code null} value, deletes) transient node attributes such as fail counts
     * and promotion scores, in the node's {@code transient_attributes}.
     */
    record NodeAttributesChanged(String node, Map<String, String> values) implements CibChange {
        public NodeAttributesChanged {
            Objects.requireNonNull(node, "node");
            values = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(values));
        }

        @Override
        public boolean isConfiguration() {
            return false;
        }
    }

    /**
     * Records which node is DC and whether the partition has quorum (root attributes {@code dc-uuid},
     * {@code have-quorum}, and {@code no-quorum-panic} when it had quorum and lost it).
     */
    record DcChanged(String dcNode, boolean haveQuorum, boolean noQuorumPanic) implements CibChange {
        public DcChanged(String dcNode, boolean haveQuorum) {
            this(dcNode, haveQuorum, false);
        }

        @Override
        public boolean isConfiguration() {
            return false;
        }
    }

    /**
     * Replaces the whole configuration section with the one in {@code cibXml} (a complete CIB
     * document); the status section is kept. The version becomes newer than both.
     */
    record ConfigurationReplaced(String cibXml) implements CibChange {
        public ConfigurationReplaced {
            Objects.requireNonNull(cibXml, "cibXml");
        }

        @Override
        public boolean isConfiguration() {
            return true;
        }
    }

    /**
     * Merges an XML fragment into the configuration like {@code cibadmin --modify}: elements
     * are matched by tag and {@code id}; matched elements get the fragment's attributes, missing
     * ones are added. {@code fragmentXml} is an element of the configuration (or the whole
     * {@code <configuration>}).
     */
    record ConfigurationModified(String fragmentXml) implements CibChange {
        public ConfigurationModified {
            Objects.requireNonNull(fragmentXml, "fragmentXml");
        }

        @Override
        public boolean isConfiguration() {
            return true;
        }
    }

    /**
     * Sets (or, for a {@code null} value, deletes) a meta attribute of a primitive, group, clone,
     * master or bundle, as {@code crm_resource --meta --set-parameter} does: an existing
     * {@code nvpair} of that name in the resource's {@code meta_attributes} is updated, otherwise
     * one is added to its first {@code meta_attributes} (created as {@code RSC-meta_attributes},
     * the pair as {@code RSC-meta_attributes-NAME}). Deleting a missing attribute changes nothing.
     */
    record ResourceMetaSet(String resourceId, String name, String value) implements CibChange {
        public ResourceMetaSet {
            Objects.requireNonNull(resourceId, "resourceId");
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("the meta attribute name must not be empty");
            }
        }

        @Override
        public boolean isConfiguration() {
            return true;
        }
    }

    /**
     * Sets (or, for a {@code null} value, deletes) a permanent node attribute (such as
     * {@code standby}) in {@code configuration/nodes/node/instance_attributes}, as
     * {@code crm_attribute --lifetime forever} does (ids {@code nodes-NODE} and
     * {@code nodes-NODE-NAME}). A node that has no {@code <node>} entry yet gets one if it appears
     * in the status section; any other node is refused.
     */
    record NodeConfigAttributeSet(String node, String name, String value) implements CibChange {
        public NodeConfigAttributeSet {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("the node attribute name must not be empty");
            }
        }

        @Override
        public boolean isConfiguration() {
            return true;
        }
    }

    /**
     * Forgets a resource's operation history and failures, as {@code crm_resource --cleanup}
     * does: its {@code lrm_resource} entries (for a group or clone those of every primitive
     * inside, clone instances {@code RSC:N} included) and its {@code fail-count-RSC#…} and
     * {@code last-failure-RSC#…} transient attributes, on {@code node} or (when null) every
     * node. The scheduler then probes it again. With a null {@code resourceId} every resource
     * with a recorded failure is cleaned up.
     */
    record ResourceCleanup(String resourceId, String node) implements CibChange {
        @Override
        public boolean isConfiguration() {
            return false;
        }
    }

    /**
     * Adds the {@code <rsc_location>} in {@code constraintXml} to the constraints, or replaces the
     * one with the same id (how {@code crm_resource --move/--ban} write {@code cli-prefer-RSC}
     * and {@code cli-ban-RSC-on-NODE}).
     */
    record LocationConstraintSet(String constraintXml) implements CibChange {
        public LocationConstraintSet {
            Objects.requireNonNull(constraintXml, "constraintXml");
        }

        @Override
        public boolean isConfiguration() {
            return true;
        }
    }

    /**
     * Removes the constraints {@code crm_resource --move/--ban} made for a resource, as
     * {@code crm_resource --clear} does: {@code cli-prefer-RSC} and every {@code cli-ban-RSC-on-*};
     * with a {@code node}, only {@code cli-ban-RSC-on-NODE} and a {@code cli-prefer-RSC} that
     * prefers that node. Having nothing to remove is not an error.
     */
    record MoveConstraintsCleared(String resourceId, String node) implements CibChange {
        public MoveConstraintsCleared {
            Objects.requireNonNull(resourceId, "resourceId");
        }

        @Override
        public boolean isConfiguration() {
            return true;
        }
    }

    /** Deletes the configuration element with this {@code id} (and everything that refers only to it). */
    record ConfigurationElementDeleted(String id) implements CibChange {
        public ConfigurationElementDeleted {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public boolean isConfiguration() {
            return true;
        }
    }

    /**
     * {@code change}, made on behalf of someone: the CIB's root records {@code update-user},
     * {@code update-client} (the command) and {@code update-origin} (the node it was run on), as
     * Pacemaker does, so the configuration history can say who changed what. With
     * {@code expectedEpoch} (e.g. {@code 0.42}, {@code admin_epoch.epoch}) the change is refused when
     * the configuration is no longer at that version: someone changed it since it was read.
     */
    record Attributed(CibChange change, String user, String client, String origin, String expectedEpoch)
            implements CibChange {
        public Attributed {
            Objects.requireNonNull(change, "change");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(origin, "origin");
            if (change instanceof Attributed) {
                throw new IllegalArgumentException("a change is attributed once");
            }
        }

        @Override
        public boolean isConfiguration() {
            return change.isConfiguration();
        }
    }
}
