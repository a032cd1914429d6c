package dev.vigil.cli.demo;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The demo's sample resource: ClusterLabs' {@code ocf:heartbeat:Dummy} when the
 * {@code resource-agents} package is installed, else Vigil's bundled {@code ocf:vigil:Dummy}. Both
 * keep their state in a file under the node's {@code HA_RSCTMP}, so each node has its own.
 * Immutable.
 *
 * @param id the resource id
 * @param provider the OCF provider
 */
record DemoResource(String id, String provider) {

    /** The agent to use on this machine. */
    static DemoResource choose(String id) {
        String root = System.getenv("OCF_ROOT");
        Path heartbeat = Path.of(root == null || root.isBlank() ? "/usr/lib/ocf" : root, "resource.d", "heartbeat",
                "Dummy");
        return new DemoResource(id, Files.isExecutable(heartbeat) ? "heartbeat" : "vigil");
    }

    String agent() {
        return "ocf:" + provider + ":Dummy";
    }

    /**
     * The configuration the demo loads: fencing off (see {@link DemoCommand}), the resource with a
     * 10 s monitor and some stickiness, so it stays where it runs.
     */
    String configuration() {
        return """
                <configuration>
                  <crm_config>
                    <cluster_property_set id="cib-bootstrap-options">
                      <nvpair id="opt-stonith-enabled" name="stonith-enabled" value="false"/>
                    </cluster_property_set>
                  </crm_config>
                  <resources>
                    <primitive id="%1$s" class="ocf" provider="%2$s" type="Dummy">
                      <meta_attributes id="%1$s-meta">
                        <nvpair id="%1$s-stickiness" name="resource-stickiness" value="100"/>
                      </meta_attributes>
                      <operations>
                        <op id="%1$s-monitor-10s" name="monitor" interval="10s" timeout="20s"/>
                      </operations>
                    </primitive>
                  </resources>
                </configuration>
                """.formatted(id, provider);
    }
}
