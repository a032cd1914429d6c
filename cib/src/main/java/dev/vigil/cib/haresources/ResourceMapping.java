package dev.vigil.cib.haresources;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How one haresources resource becomes a CIB resource, written as crm shell words.
 *
 * <table>
 * <caption>The mapping</caption>
 * <tr><th>haresources</th><th>CIB</th></tr>
 * <tr><td>{@code IPaddr::IP[/BITS][/NIC][/BROADCAST]}, {@code IPaddr2::…}, a bare {@code IP[/…]}</td>
 *     <td>{@code ocf:heartbeat:IPaddr2} ip, cidr_netmask, nic, broadcast; monitor 10s</td></tr>
 * <tr><td>{@code Filesystem::DEVICE::DIRECTORY::FSTYPE[::OPTIONS]}</td>
 *     <td>{@code ocf:heartbeat:Filesystem} device, directory, fstype, options; monitor 20s, start/stop 60s</td></tr>
 * <tr><td>{@code drbddisk::RESOURCE}</td>
 *     <td>a promotable clone {@code ms_drbd_RESOURCE} of {@code ocf:linbit:drbd} drbd_resource=RESOURCE;
 *     the group is colocated with its promoted instance and starts after the promotion</td></tr>
 * <tr><td>{@code MailTo::EMAIL[::SUBJECT]}, {@code IPsrcaddr}, {@code IPv6addr}, {@code LVM},
 *     {@code Raid1}, {@code portblock}, {@code Xinetd}, {@code apache}, {@code Delay},
 *     {@code AudibleAlarm}, {@code LinuxSCSI}, {@code ServeRAID}, {@code WinPopup}, {@code ICP},
 *     {@code db2}</td>
 *     <td>the OCF agent of that name, arguments in the order of Heartbeat's script
 *     (as {@code haresources2cib.py} mapped them)</td></tr>
 * <tr><td>any other {@code NAME} (no arguments)</td><td>{@code lsb:NAME}, the init script
 *     {@code /etc/init.d/NAME}; monitor 30s</td></tr>
 * <tr><td>any other {@code NAME::ARG1::ARG2…}</td><td>{@code heartbeat:NAME} with parameters
 *     {@code 1}, {@code 2}… (the script {@code /etc/ha.d/resource.d/NAME}); a warning says to
 *     replace it, since Vigil's executor runs OCF and LSB agents only</td></tr>
 * </table>
 * Stateless.
 */
public final class ResourceMapping {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** An OCF agent of provider heartbeat, its parameters in Heartbeat's argument order, and how often to monitor it. */
    private record Agent(String type, List<String> params, int required, String interval, String timeout) {
    }

    private static final Map<String, Agent> OCF = Map.ofEntries(
            agent("Filesystem", 3, "20s", "40s", "device", "directory", "fstype", "options"),
            agent("MailTo", 1, "60s", "20s", "email", "subject"),
            agent("IPsrcaddr", 1, "10s", "20s", "ipaddress"),
            agent("IPv6addr", 1, "10s", "20s", "ipv6addr"),
            agent("LVM", 1, "30s", "30s", "volgrpname"),
            agent("Raid1", 2, "30s", "60s", "raidconf", "raiddev"),
            agent("portblock", 3, "30s", "20s", "protocol", "portno", "action"),
            agent("Xinetd", 1, "30s", "20s", "service"),
            agent("apache", 0, "30s", "40s", "configfile"),
            agent("Delay", 0, "30s", "30s", "startdelay", "stopdelay"),
            agent("AudibleAlarm", 0, "30s", "30s", "nodelist"),
            agent("LinuxSCSI", 1, "30s", "30s", "scsi"),
            agent("ServeRAID", 2, "30s", "30s", "serveraid", "mergegroup"),
            agent("WinPopup", 1, "60s", "30s", "hostfile"),
            agent("ICP", 2, "30s", "30s", "driveid", "device"),
            agent("db2", 1, "30s", "60s", "instance"));

    private ResourceMapping() {
    }

    private static Map.Entry<String, Agent> agent(String type, int required, String interval, String timeout,
            String... params) {
        return Map.entry(type, new Agent(type, List.of(params), required, interval, timeout));
    }

    /**
     * The mapped resource: the crm shell statements that define it, its id, and for DRBD the id
     * of the promotable clone the group depends on (null otherwise; the primitive then goes in the group).
     */
    record Mapped(String id, List<List<String>> statements, String promotable) {
    }

    /**
     * Maps {@code spec} (one word of a haresources line) with the given id base; problems and
     * warnings are added with {@code where} ({@code file:line}) in front.
     */
    static Mapped map(String spec, Ids ids, String where, List<String> problems, List<String> warnings) {
        String[] parts = spec.split("::", -1);
        String type = parts[0];
        List<String> args = new ArrayList<>(List.of(parts).subList(1, parts.length));
        if (type.equals("IPv6addr") && args.size() > 1) {
            args = List.of(spec.substring("IPv6addr::".length()));
        }
        if (args.stream().anyMatch(String::isEmpty) || type.isEmpty()) {
            problems.add(where + ": '" + spec + "' has an empty part between '::' separators");
            return null;
        }
        if (IPV4.matcher(type.split("/")[0]).matches() && args.isEmpty()) {
            return ip(type, spec, ids, where, problems);
        }
        switch (type) {
            case "IPaddr", "IPaddr2" -> {
                if (args.size() != 1) {
                    problems.add(where + ": '" + spec + "' needs exactly one argument, IP[/BITS][/NIC][/BROADCAST]");
                    return null;
                }
                return ip(args.get(0), spec, ids, where, problems);
            }
            case "drbddisk" -> {
                if (args.size() == 1) {
                    return drbd(args.get(0), ids);
                }
                warnings.add(where + ": '" + spec + "' (every DRBD resource) imported as heartbeat:drbddisk; replace it "
                        + "with a promotable clone of ocf:linbit:drbd per DRBD resource");
                return heartbeat(type, args, ids);
            }
            default -> { }
        }
        Agent agent = OCF.get(type);
        if (agent != null) {
            if (args.size() < agent.required()) {
                problems.add(where + ": '" + spec + "' needs " + agent.required() + " argument"
                        + (agent.required() == 1 ? "" : "s") + ": " + type + "::" + String.join("::",
                        agent.params().subList(0, agent.required()).stream().map(String::toUpperCase).toList()));
                return null;
            }
            if (args.size() > agent.params().size()) {
                warnings.add(where + ": '" + spec + "' has more arguments than " + type + " takes ("
                        + String.join(", ", agent.params()) + "); the extra ones are ignored");
                args = args.subList(0, agent.params().size());
            }
            String key = args.isEmpty() ? null : type.equals("Filesystem") ? directory(args.get(1)) : args.get(0);
            String id = ids.next(type + (key == null ? "" : "_" + key));
            List<String> words = new ArrayList<>(List.of("primitive", id, "ocf:heartbeat:" + type));
            if (!args.isEmpty()) {
                words.add("params");
                for (int i = 0; i < args.size(); i++) {
                    words.add(agent.params().get(i) + "=" + args.get(i));
                }
            }
            monitor(words, agent.interval(), agent.timeout());
            if (type.equals("Filesystem")) {
                words.addAll(List.of("op", "start", "interval=0s", "timeout=60s", "op", "stop", "interval=0s",
                        "timeout=60s"));
            }
            return new Mapped(id, List.of(words), null);
        }
        if (!args.isEmpty()) {
            warnings.add(where + ": '" + spec + "' has no OCF equivalent Vigil knows; imported as heartbeat:" + type
                    + " (/etc/ha.d/resource.d/" + type + "), which Vigil's executor does not run: replace it with an "
                    + "OCF or LSB agent");
            return heartbeat(type, args, ids);
        }
        String id = ids.next(type);
        List<String> words = new ArrayList<>(List.of("primitive", id, "lsb:" + type));
        monitor(words, "30s", "30s");
        return new Mapped(id, List.of(words), null);
    }

    /** {@code IP[/BITS][/NIC][/BROADCAST]} as Heartbeat's IPaddr read it: a number is the netmask bits, a dotted quad the broadcast, anything else the interface. */
    private static Mapped ip(String arg, String spec, Ids ids, String where, List<String> problems) {
        String[] fields = arg.split("/", -1);
        if (!IPV4.matcher(fields[0]).matches()) {
            problems.add(where + ": '" + spec + "': '" + fields[0] + "' is not an IPv4 address");
            return null;
        }
        String id = ids.next("IPaddr_" + fields[0]);
        List<String> words = new ArrayList<>(List.of("primitive", id, "ocf:heartbeat:IPaddr2", "params",
                "ip=" + fields[0]));
        String bits = null;
        String nic = null;
        String broadcast = null;
        for (int i = 1; i < fields.length; i++) {
            String f = fields[i];
            if (f.isEmpty()) {
                continue;
            }
            if (IPV4.matcher(f).matches()) {
                broadcast = f;
            } else if (f.chars().allMatch(Character::isDigit)) {
                bits = f;
            } else {
                nic = f;
            }
        }
        if (bits != null) {
            int n = Integer.parseInt(bits.length() > 3 ? "99" : bits);
            if (n < 1 || n > 32) {
                problems.add(where + ": '" + spec + "': netmask bits '" + bits + "' is not 1 to 32");
                return null;
            }
            words.add("cidr_netmask=" + bits);
        }
        if (nic != null) {
            words.add("nic=" + nic);
        }
        if (broadcast != null) {
            words.add("broadcast=" + broadcast);
        }
        monitor(words, "10s", "20s");
        return new Mapped(id, List.of(words), null);
    }

    /** {@code drbddisk::r0}: the DRBD resource managed by ocf:linbit:drbd in a promotable clone. */
    private static Mapped drbd(String resource, Ids ids) {
        String id = ids.next("drbd_" + resource);
        String clone = ids.next("ms_" + id);
        List<String> primitive = List.of("primitive", id, "ocf:linbit:drbd", "params", "drbd_resource=" + resource,
                "op", "monitor", "interval=29s", "role=Promoted", "timeout=20s",
                "op", "monitor", "interval=31s", "role=Unpromoted", "timeout=20s");
        List<String> ms = List.of("ms", clone, id, "meta", "promoted-max=1", "promoted-node-max=1", "clone-max=2",
                "clone-node-max=1", "notify=true");
        return new Mapped(clone, List.of(primitive, ms), clone);
    }

    private static Mapped heartbeat(String type, List<String> args, Ids ids) {
        String id = ids.next(type + (args.isEmpty() ? "" : "_" + args.get(0)));
        List<String> words = new ArrayList<>(List.of("primitive", id, "heartbeat:" + type));
        if (!args.isEmpty()) {
            words.add("params");
            for (int i = 0; i < args.size(); i++) {
                words.add((i + 1) + "=" + args.get(i));
            }
        }
        monitor(words, "30s", "30s");
        return new Mapped(id, List.of(words), null);
    }

    private static void monitor(List<String> words, String interval, String timeout) {
        words.addAll(List.of("op", "monitor", "interval=" + interval, "timeout=" + timeout));
    }

    private static String directory(String dir) {
        String d = dir.replaceAll("^/+|/+$", "");
        return d.isEmpty() ? "root" : d;
    }
}
