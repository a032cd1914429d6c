package dev.vigil.cli.daemon.ipc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link AccountDatabase} over files in {@code passwd(5)} and {@code group(5)} format, re-read on
 * every call. Malformed lines and NIS compat lines ({@code +}/{@code -}) are skipped; a missing
 * file counts as empty. Thread-safe (no state besides the paths).
 */
final class AccountFiles implements AccountDatabase {
    private final Path passwd;
    private final Path group;

    AccountFiles(Path passwd, Path group) {
        this.passwd = Objects.requireNonNull(passwd, "passwd");
        this.group = Objects.requireNonNull(group, "group");
    }

    /** One {@code passwd} line: name, uid, primary gid. */
    private record UserEntry(String name, int uid, int gid) {
    }

    /** One {@code group} line: name, gid, supplementary members. */
    private record GroupEntry(String name, int gid, Set<String> members) {
    }

    @Override
    public Peer resolve(String user, String kernelGroup) throws IOException {
        List<UserEntry> users = readUsers();
        List<GroupEntry> groups = readGroups();
        Optional<UserEntry> entry = findUser(users, user);
        String name = entry.map(UserEntry::name).orElse(user);
        int uid = entry.map(UserEntry::uid).orElseGet(() -> parseId(user).orElse(Peer.UNKNOWN_UID));
        String primaryGroup = groupName(groups, kernelGroup);
        Set<String> memberOf = new HashSet<>();
        entry.ifPresent(e -> memberOf.add(groupName(groups, Integer.toString(e.gid()))));
        for (GroupEntry g : groups) {
            if (g.members().contains(name)) {
                memberOf.add(g.name());
            }
        }
        return new Peer(name, uid, primaryGroup, memberOf);
    }

    private static Optional<UserEntry> findUser(List<UserEntry> users, String user) {
        Optional<UserEntry> byName = users.stream().filter(u -> u.name().equals(user)).findFirst();
        if (byName.isPresent()) {
            return byName;
        }
        Optional<Integer> uid = parseId(user);
        return uid.flatMap(id -> users.stream().filter(u -> u.uid() == id).findFirst());
    }

    /** The name of {@code group} (a name or decimal gid); the input itself when it has no name. */
    private static String groupName(List<GroupEntry> groups, String group) {
        if (groups.stream().anyMatch(g -> g.name().equals(group))) {
            return group;
        }
        Optional<Integer> gid = parseId(group);
        return gid.flatMap(id -> groups.stream().filter(g -> g.gid() == id).findFirst())
                .map(GroupEntry::name)
                .orElse(group);
    }

    private List<UserEntry> readUsers() throws IOException {
        List<UserEntry> users = new ArrayList<>();
        for (String[] f : fields(passwd, 7)) {
            Optional<Integer> uid = parseId(f[2]);
            Optional<Integer> gid = parseId(f[3]);
            if (uid.isPresent() && gid.isPresent()) {
                users.add(new UserEntry(f[0], uid.get(), gid.get()));
            }
        }
        return users;
    }

    private List<GroupEntry> readGroups() throws IOException {
        List<GroupEntry> groups = new ArrayList<>();
        for (String[] f : fields(group, 4)) {
            Optional<Integer> gid = parseId(f[2]);
            if (gid.isPresent()) {
                Set<String> members = new HashSet<>();
                for (String member : f[3].split(",")) {
                    if (!member.isBlank()) {
                        members.add(member.trim());
                    }
                }
                groups.add(new GroupEntry(f[0], gid.get(), members));
            }
        }
        return groups;
    }

    /** The colon-separated fields of every well-formed line with at least {@code count} fields. */
    private static List<String[]> fields(Path file, int count) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<String[]> result = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("+") || line.startsWith("-")) {
                continue;
            }
            String[] f = line.split(":", -1);
            if (f.length >= count && !f[0].isEmpty()) {
                result.add(f);
            }
        }
        return result;
    }

    private static Optional<Integer> parseId(String text) {
        if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        long value = Long.parseLong(text);
        return value <= Integer.MAX_VALUE ? Optional.of((int) value) : Optional.empty();
    }
}
