package dev.vigil.cib.store;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.core.model.CibVersion;

/**
 * Reads, compares and bumps the version of a CIB document: the {@code admin_epoch}, {@code epoch}
 * and {@code num_updates} attributes of its {@code <cib>} root, ordered as Pacemaker orders them
 * (admin_epoch, then epoch, then num_updates; see {@link CibVersion#compareTo}). A missing attribute
 * counts as 0, as in Pacemaker. {@link XmlElement} is immutable, so bumps return a new root.
 * Stateless and thread-safe.
 */
public final class CibVersions {
    public static final String ADMIN_EPOCH = "admin_epoch";
    public static final String EPOCH = "epoch";
    public static final String NUM_UPDATES = "num_updates";

    private CibVersions() {
    }

    /**
     * The version of a CIB document.
     *
     * @throws IllegalArgumentException if the root is not {@code <cib>} or a version attribute is not a
     *     whole number &gt;= 0; the message names the attribute, its value and the line
     */
    public static CibVersion of(XmlElement root) {
        requireCibRoot(root);
        return new CibVersion(number(root, ADMIN_EPOCH), number(root, EPOCH), number(root, NUM_UPDATES));
    }

    /** Negative, zero or positive as {@code a}'s version is older than, equal to or newer than {@code b}'s. */
    public static int compare(XmlElement a, XmlElement b) {
        return of(a).compareTo(of(b));
    }

    /** Whether {@code candidate} is strictly newer than {@code current}, so it wins on join or merge. */
    public static boolean isNewer(XmlElement candidate, XmlElement current) {
        return compare(candidate, current) > 0;
    }

    /** A copy of {@code root} carrying {@code version}; other attributes keep their order. */
    public static XmlElement withVersion(XmlElement root, CibVersion version) {
        requireCibRoot(root);
        return root.withAttribute(ADMIN_EPOCH, Long.toString(version.adminEpoch()))
                .withAttribute(EPOCH, Long.toString(version.epoch()))
                .withAttribute(NUM_UPDATES, Long.toString(version.numUpdates()));
    }

    /** After a configuration change: {@code epoch + 1}, {@code num_updates} back to 0. */
    public static XmlElement bumpEpoch(XmlElement root) {
        CibVersion v = of(root);
        return withVersion(root, new CibVersion(v.adminEpoch(), Math.addExact(v.epoch(), 1), 0));
    }

    /** After a status change: {@code num_updates + 1}. */
    public static XmlElement bumpNumUpdates(XmlElement root) {
        CibVersion v = of(root);
        return withVersion(root, new CibVersion(v.adminEpoch(), v.epoch(), Math.addExact(v.numUpdates(), 1)));
    }

    private static void requireCibRoot(XmlElement root) {
        if (!root.name().equals("cib")) {
            throw new IllegalArgumentException("expected a <cib> root element, got <" + root.name() + ">"
                    + (root.line() > 0 ? " at line " + root.line() : ""));
        }
    }

    private static long number(XmlElement root, String name) {
        String value = root.attr(name);
        if (value == null) {
            return 0;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the value
        }
        throw new IllegalArgumentException("<cib> attribute " + name + "=\"" + value + "\""
                + (root.line() > 0 ? " at line " + root.line() : "") + " is not a whole number >= 0");
    }
}
