package dev.vigil.resourceagents;

import dev.vigil.core.port.OperationRequest;
import dev.vigil.core.port.OperationResult;
import dev.vigil.core.port.ResourceAgentId;
import dev.vigil.resourceagents.metadata.AgentMetadata;
import dev.vigil.resourceagents.metadata.LsbHeader;
import dev.vigil.resourceagents.metadata.MetadataParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Agents' meta-data, fetched once per agent file version (path and modification time) and
 * kept. Thread-safe.
 */
final class MetadataCache {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private record Key(Path path, long modified) {
    }

    private final Map<Key, AgentMetadata> cache = new ConcurrentHashMap<>();
    private final OcfAgentRunner ocf;

    MetadataCache(OcfAgentRunner ocf) {
        this.ocf = ocf;
    }

    /**
     * The meta-data of the agent at {@code path}.
     *
     * @throws IllegalArgumentException when the agent cannot produce parseable meta-data (the
     *         message says why)
     */
    AgentMetadata get(ResourceAgentId agent, Path path) {
        long modified;
        try {
            modified = Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            throw new IllegalArgumentException(agent + ": cannot read " + path + ": " + e.getMessage(), e);
        }
        Key key = new Key(path, modified);
        AgentMetadata known = cache.get(key);
        if (known != null) {
            return known;
        }
        AgentMetadata fresh = fetch(agent, path);
        cache.put(key, fresh);
        return fresh;
    }

    private AgentMetadata fetch(ResourceAgentId agent, Path path) {
        if (agent.standard().equals(AgentCatalog.LSB)) {
            try {
                byte[] head = Files.readAllBytes(path);
                return LsbHeader.metadata(agent.type(), new String(head, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalArgumentException(agent + ": cannot read " + path + ": " + e.getMessage(), e);
            }
        }
        OperationResult r = ocf.run(OperationRequest.of(agent.type(), agent, "meta-data", TIMEOUT, Map.of()), path);
        if (!r.isSuccess()) {
            throw new IllegalArgumentException(agent + " meta-data failed: " + r.status().description()
                    + (r.exitReason().isEmpty() ? "" : " (" + r.exitReason() + ")"));
        }
        return MetadataParser.parse(r.output(), agent.toString());
    }
}
