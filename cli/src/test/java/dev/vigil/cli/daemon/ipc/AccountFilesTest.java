package dev.vigil.cli.daemon.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountFilesTest {
    @TempDir
    Path dir;

    private AccountDatabase accounts;

    @BeforeEach
    void writeFiles() throws IOException {
        Path passwd = dir.resolve("passwd");
        Path group = dir.resolve("group");
        Files.writeString(passwd, """
                root:x:0:0:root:/root:/bin/bash
                # a comment
                hacluster:x:189:189:cluster user:/var/lib/pacemaker:/sbin/nologin
                alice:x:1002:1002:Alice:/home/alice:/bin/bash
                bob:x:1001:100::/home/bob:/bin/sh
                broken line without colons
                mallory:x:notanumber:1:::
                +nisuser::::::
                """);
        Files.writeString(group, """
                root:x:0:
                users:x:100:
                hacluster:x:189:
                haclient:x:105:hacluster,alice
                alice:x:1002:
                wheel:x:10:root, alice
                broken
                """);
        accounts = AccountDatabase.files(passwd, group);
    }

    @Test
    void resolvesSupplementaryGroupsFromTheGroupFile() throws IOException {
        Peer alice = accounts.resolve("alice", "alice");
        assertEquals(new Peer("alice", 1002, "alice", Set.of("alice", "haclient", "wheel")), alice);
    }

    @Test
    void includesThePasswdPrimaryGroupAndTheKernelsEffectiveGroup() throws IOException {
        // bob's passwd primary group is 'users'; his process runs with effective group 'haclient' (newgrp).
        Peer bob = accounts.resolve("bob", "haclient");
        assertEquals("haclient", bob.primaryGroup());
        assertEquals(Set.of("users", "haclient"), bob.groups());
        assertEquals(1001, bob.uid());
    }

    @Test
    void resolvesNumericIdsTheKernelCouldNotName() throws IOException {
        Peer hacluster = accounts.resolve("189", "105");
        assertEquals(new Peer("hacluster", 189, "haclient", Set.of("hacluster", "haclient")), hacluster);
    }

    @Test
    void unknownUsersKeepWhatTheKernelReported() throws IOException {
        assertEquals(new Peer("4000", 4000, "4000", Set.of()), accounts.resolve("4000", "4000"));
        assertEquals(new Peer("ldapuser", Peer.UNKNOWN_UID, "staff", Set.of()), accounts.resolve("ldapuser", "staff"));
        assertEquals(Peer.UNKNOWN_UID, accounts.resolve("mallory", "users").uid(), "malformed entry skipped");
    }

    @Test
    void missingFilesCountAsEmpty() throws IOException {
        AccountDatabase none = AccountDatabase.files(dir.resolve("nope"), dir.resolve("nada"));
        assertEquals(new Peer("0", 0, "0", Set.of()), none.resolve("0", "0"));
    }

    @Test
    void systemDatabaseKnowsRoot() throws IOException {
        Peer root = AccountDatabase.system().resolve("root", "root");
        assertEquals(0, root.uid());
        assertEquals("root", root.user());
    }
}
