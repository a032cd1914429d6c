/**
 * Resource-agent meta-data: the XML an OCF agent prints for {@code meta-data} (parameters with
 * types, defaults, required and unique flags; actions with default timeouts), the equivalent
 * built from an LSB script's {@code INIT INFO} header, and the check of a resource's instance
 * attributes against it before an operation runs.
 */
package dev.vigil.resourceagents.metadata;
