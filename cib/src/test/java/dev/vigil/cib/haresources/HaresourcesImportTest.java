package dev.vigil.cib.haresources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cib.ConfigProblem;
import dev.vigil.cib.crmsh.CrmConfiguration;
import dev.vigil.cib.read.CibReader;
import dev.vigil.cib.validate.CibValidator;
import dev.vigil.cib.xml.XmlElement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HaresourcesImportTest {
    static final HaresourcesImport.Options OPTIONS = new HaresourcesImport.Options("pair", List.of(), true, true,
            Instant.parse("2024-01-02T10:00:00Z"));

    static HaresourcesImport.Result convert(String text) throws HaresourcesException {
        return HaresourcesImport.convert(text, "haresources", OPTIONS);
    }

    @Test
    void aClassicLineBecomesAGroupPreferringItsNode() throws Exception {
        HaresourcesImport.Result r = convert("""
                # web server
                node1 IPaddr::10.0.0.10/24/eth0 Filesystem::/dev/sdb1::/data::ext4 httpd
                """);
        assertEquals("""
                node node1
                primitive IPaddr_10_0_0_10 ocf:heartbeat:IPaddr2 \\
                	params ip=10.0.0.10 cidr_netmask=24 nic=eth0 \\
                	op monitor interval=10s timeout=20s
                primitive Filesystem_data ocf:heartbeat:Filesystem \\
                	params device=/dev/sdb1 directory=/data fstype=ext4 \\
                	op monitor interval=20s timeout=40s \\
                	op start interval=0s timeout=60s \\
                	op stop interval=0s timeout=60s
                primitive httpd lsb:httpd \\
                	op monitor interval=30s timeout=30s
                group group_1 IPaddr_10_0_0_10 Filesystem_data httpd
                location group_1-prefers-node1 group_1 100: node1
                # Heartbeat R1 ran without fencing; a cluster with fencing enabled and no fence device starts
                # nothing. Add a fence device (a stonith primitive), then set fencing-enabled=true.
                property cib-bootstrap-options: \\
                	cluster-name=pair \\
                	fencing-enabled=false
                # auto_failback on: groups return to their node
                rsc_defaults rsc-options: \\
                	resource-stickiness=0
                """, CrmConfiguration.render(r.cib()));
        assertEquals("cib-bootstrap-options-cluster-name", r.cib().element("configuration").element("crm_config")
                .element("cluster_property_set").elements("nvpair").get(0).attr("id"));
        assertTrue(r.warnings().get(r.warnings().size() - 1).startsWith("fencing is disabled"));
    }

    @Test
    void theResultIsAValidCibWithEveryNodeOnline() throws Exception {
        XmlElement cib = convert("""
                node1 10.0.0.10 httpd
                node2 IPaddr2::10.0.0.11/255.255.255.255 \\
                    drbddisk::r0 Filesystem::/dev/drbd0::/::xfs::noatime,nodiratime mysqld
                """).cib();
        List<ConfigProblem> problems = new java.util.ArrayList<>(CibValidator.validate(cib));
        problems.addAll(CibReader.read(cib).problems());
        assertEquals(List.of(), problems.stream().filter(ConfigProblem::isError).toList());
        assertEquals(List.of("node1", "node2"), cib.element("status").elements("node_state").stream()
                .map(n -> n.attr("uname")).toList());
        assertEquals("member", cib.element("status").elements().get(1).attr("join"));
        assertEquals("0", cib.attr("admin_epoch"));
        assertEquals("Tue Jan  2 10:00:00 2024", cib.attr("cib-last-written"));
    }

    @Test
    void drbddiskBecomesAPromotableCloneTheGroupFollows() throws Exception {
        String text = CrmConfiguration.render(convert("node2 10.0.0.11 drbddisk::r0 Filesystem::/dev/drbd0::/db::xfs "
                + "postgresql\n").cib());
        assertTrue(text.contains("""
                primitive drbd_r0 ocf:linbit:drbd \\
                	params drbd_resource=r0 \\
                	op monitor interval=29s role=Promoted timeout=20s \\
                	op monitor interval=31s role=Unpromoted timeout=20s
                clone ms_drbd_r0 drbd_r0 \\
                	meta promotable=true promoted-max=1 promoted-node-max=1 clone-max=2 clone-node-max=1 notify=true
                """), text);
        assertTrue(text.contains("group group_1 IPaddr_10_0_0_11 Filesystem_db postgresql\n"), text);
        assertTrue(text.contains("""
                location group_1-prefers-node2 group_1 100: node2
                colocation group_1-with-ms_drbd_r0 inf: group_1 ms_drbd_r0:Promoted
                order ms_drbd_r0-before-group_1 Mandatory: ms_drbd_r0:promote group_1:start
                """), text);
    }

    @Test
    void ipAddressFieldsAreReadAsHeartbeatDid() throws Exception {
        String text = CrmConfiguration.render(convert("""
                n1 IPaddr::10.0.0.1 IPaddr::10.0.0.2/eth1 IPaddr2::10.0.0.3/16/10.0.255.255/bond0 10.0.0.4/8
                """).cib());
        assertTrue(text.contains("params ip=10.0.0.1 \\"), text);
        assertTrue(text.contains("params ip=10.0.0.2 nic=eth1 \\"), text);
        assertTrue(text.contains("params ip=10.0.0.3 cidr_netmask=16 nic=bond0 broadcast=10.0.255.255 \\"), text);
        assertTrue(text.contains("primitive IPaddr_10_0_0_4 ocf:heartbeat:IPaddr2 \\\n\tparams ip=10.0.0.4 "
                + "cidr_netmask=8"), text);
    }

    @Test
    void knownScriptsMapToOcfOthersToLsbOrHeartbeatWithAWarning() throws Exception {
        HaresourcesImport.Result r = convert("""
                n1 MailTo::root@example.com::failover apache::/etc/httpd/conf/httpd.conf squid \\
                   myscript::alpha::beta LVM::vg0 LVM::vg1
                """);
        String text = CrmConfiguration.render(r.cib());
        assertTrue(text.contains("primitive MailTo_root_example_com ocf:heartbeat:MailTo \\\n\tparams "
                + "email=root@example.com subject=failover"), text);
        assertTrue(text.contains("primitive apache_etc_httpd_conf_httpd_conf ocf:heartbeat:apache \\\n\tparams "
                + "configfile=/etc/httpd/conf/httpd.conf"), text);
        assertTrue(text.contains("primitive squid lsb:squid"), text);
        assertTrue(text.contains("primitive myscript_alpha heartbeat:myscript \\\n\tparams 1=alpha 2=beta"), text);
        assertTrue(text.contains("group group_1 MailTo_root_example_com apache_etc_httpd_conf_httpd_conf squid "
                + "myscript_alpha LVM_vg0 LVM_vg1"), text);
        assertTrue(r.warnings().get(0).startsWith("haresources:1: 'myscript::alpha::beta' has no OCF equivalent"),
                r.warnings().toString());
    }

    @Test
    void ipv6AddressesKeepTheirColonsAndABareDrbddiskStaysAHeartbeatScript() throws Exception {
        HaresourcesImport.Result r = convert("n1 IPv6addr::2001:db8::10/64 drbddisk\n");
        String text = CrmConfiguration.render(r.cib());
        assertTrue(text.contains("primitive IPv6addr_2001_db8_10_64 ocf:heartbeat:IPv6addr \\\n\tparams "
                + "ipv6addr=2001:db8::10/64"), text);
        assertTrue(text.contains("primitive drbddisk heartbeat:drbddisk"), text);
        assertEquals("haresources:1: 'drbddisk' (every DRBD resource) imported as heartbeat:drbddisk; replace it with "
                + "a promotable clone of ocf:linbit:drbd per DRBD resource", r.warnings().get(0));
    }

    @Test
    void continuationsCommentsAndBlankLinesAreSkipped() throws Exception {
        HaresourcesImport.Result r = convert("""
                # header

                node1 IPaddr::10.0.0.10 \\
                   # a comment between continued lines ends nothing
                   httpd   # trailing comment
                node2 \\
                   mysqld
                lonely
                """);
        assertEquals(List.of(new ResourceLine(3, "node1", List.of("IPaddr::10.0.0.10", "httpd")),
                new ResourceLine(6, "node2", List.of("mysqld"))), r.groups());
        assertEquals("haresources:8: node 'lonely' has no resources; line ignored", r.warnings().get(0));
    }

    @Test
    void autoFailbackOffMakesGroupsStay() throws Exception {
        HaresourcesImport.Result r = HaresourcesImport.convert("n1 httpd\n", "h", new HaresourcesImport.Options(
                "c", List.of("n1", "n2"), false, false, Instant.EPOCH));
        String text = CrmConfiguration.render(r.cib());
        assertTrue(text.startsWith("node n1\nnode n2\n"), text);
        assertTrue(text.contains("resource-stickiness=INFINITY"), text);
        assertTrue(r.cib().element("status").elements().isEmpty());
    }

    @Test
    void everyProblemIsReportedWithItsLine() {
        HaresourcesException e = assertThrows(HaresourcesException.class, () -> convert("""
                node1 Filesystem::/dev/sdb1::/data
                node2 IPaddr::10.0.0/24 httpd::
                node3 IPaddr::10.0.0.1/40
                """));
        assertEquals(List.of(
                "haresources:1: 'Filesystem::/dev/sdb1::/data' needs 3 arguments: Filesystem::DEVICE::DIRECTORY::FSTYPE",
                "haresources:2: 'IPaddr::10.0.0/24': '10.0.0' is not an IPv4 address",
                "haresources:2: 'httpd::' has an empty part between '::' separators",
                "haresources:3: 'IPaddr::10.0.0.1/40': netmask bits '40' is not 1 to 32"), e.problems());
        e = assertThrows(HaresourcesException.class, () -> convert("# nothing\n\n"));
        assertEquals("haresources: no resource groups found (expected lines such as 'node1 IPaddr::10.0.0.10/24/eth0 "
                + "httpd')", e.getMessage());
    }
}
