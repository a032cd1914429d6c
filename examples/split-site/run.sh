#!/usr/bin/env bash
# shellcheck disable=SC2317  # functions called through trap and await
# A cluster split across two sites with a quorum server at a third place, in network namespaces:
# node1 at site A, node2 at site B, vigil-quorumd at Q. The sites talk over one inter-site link;
# each reaches the quorum server over its own link. The cluster runs 'web' (ocf:vigil:Dummy) at
# site B. The script cuts the inter-site link: both sites see the other lost, both ask the quorum
# server, which gives its vote to one of them (site A: a tie goes to the lowest node id). Site B
# has 1 of 3 votes, no quorum, and stops web; site A has 2 of 3, waits out the watchdog timeout
# (its fencing of site B) and starts web. Ends with a check: exit 0 only if exactly site A runs
# web, site A has quorum and site B has not, and web never ran at both sites at once.
#
#   namespace <tag>-a (node1)  10.216.0.1 ---- inter-site link ---- 10.216.0.2  namespace <tag>-b (node2)
#              10.216.1.1 \                                        / 10.216.2.2
#                          \-- 10.216.1.3  <tag>-q  10.216.2.3 --/
#                                (vigil-quorumd, port 5403)
#
# Usage: sudo examples/split-site/run.sh     KEEP=1 keeps the work directory (logs, CIBs, certificates).
# Needs: root, iproute2, python3, a JDK's keytool, a built tree (mvn -q -DskipTests package).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
vigil="$top/bin/vigil"

die() { echo "run.sh: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "needs root (network namespaces): sudo $0"
command -v ip >/dev/null || die "ip (iproute2) missing"
command -v python3 >/dev/null || die "python3 missing"
if [ ! -f "$top/cli/target/vigil-cli.jar" ] && [ ! -f "$top/lib/vigil-cli.jar" ]; then
    die "no built Vigil in $top: mvn -q -DskipTests package"
fi

t0=$EPOCHREALTIME
say() { printf '[%6.2fs] %s\n' "$(awk -v now="$EPOCHREALTIME" -v t0="$t0" 'BEGIN { print now - t0 }')" "$*"; }

tag=vss$$
declare -A ns=([node1]=$tag-a [node2]=$tag-b [quorum]=$tag-q)
declare -A addr=([node1]=10.216.0.1 [node2]=10.216.0.2)
declare -A server=([node1]=10.216.1.3 [node2]=10.216.2.3)
declare -A pid=()
work=$(mktemp -d /tmp/vigil-split-site.XXXXXX)
qpid=""
watcher=""

cleanup() {
    set +e
    [ -z "$watcher" ] || kill "$watcher" 2>/dev/null
    for n in node1 node2; do
        [ -z "${pid[$n]:-}" ] || kill -9 "${pid[$n]}" 2>/dev/null
    done
    [ -z "$qpid" ] || kill -9 "$qpid" 2>/dev/null
    for n in node1 node2 quorum; do   # whatever still runs in a namespace
        ip netns pids "${ns[$n]}" 2>/dev/null | xargs -r kill -9 2>/dev/null
    done
    for n in node1 node2 quorum; do ip netns del "${ns[$n]}" 2>/dev/null; done
    if [ -n "${KEEP:-}" ]; then echo "work directory kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- the network: three namespaces, three links ------------------------------------------------
say "creating namespaces ${ns[node1]} (site A), ${ns[node2]} (site B), ${ns[quorum]} (quorum server)"
for n in node1 node2 quorum; do
    ip netns add "${ns[$n]}"
    ip -n "${ns[$n]}" link set lo up
done
link() {   # link NS_A IF_A ADDR_A NS_B IF_B ADDR_B
    ip link add "$2" netns "$1" type veth peer name "$5" netns "$4"
    ip -n "$1" addr add "$3/24" dev "$2"
    ip -n "$4" addr add "$6/24" dev "$5"
    ip -n "$1" link set "$2" up
    ip -n "$4" link set "$5" up
}
link "${ns[node1]}" site0 "${addr[node1]}" "${ns[node2]}" site0 "${addr[node2]}"
link "${ns[node1]}" qs0 10.216.1.1 "${ns[quorum]}" siteA 10.216.1.3
link "${ns[node2]}" qs0 10.216.2.2 "${ns[quorum]}" siteB 10.216.2.3

# --- certificates and the quorum server --------------------------------------------------------
say "making the CA, the server's and each node's certificate (vigil-quorumd certs)"
"$top/bin/vigil-quorumd" certs --dir "$work/certs" --cluster split-site --nodes node1,node2 \
    --server-name "${server[node1]},${server[node2]}" > "$work/certs.log" 2>&1 \
    || { cat "$work/certs.log" >&2; die "vigil-quorumd certs failed"; }
ip netns exec "${ns[quorum]}" "$top/bin/vigil-quorumd" --listen 0.0.0.0:5403 --heartbeat 500ms --lease 1500ms \
    --keystore "$work/certs/server.p12" --keystore-password-file "$work/certs/server.pass" \
    --truststore "$work/certs/truststore.p12" --truststore-password-file "$work/certs/truststore.pass" \
    --state-dir "$work/quorumd" >> "$work/quorumd.log" 2>&1 &
qpid=$!
disown
say "started vigil-quorumd in ${ns[quorum]} (pid $qpid, log $work/quorumd.log)"

# --- the cluster ------------------------------------------------------------------------------
umask 077
printf 'auth 1\n1 sha256 %s\n' "$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" > "$work/authkeys"
for n in node1 node2; do
    mkdir -p "$work/$n/rsc" "$work/$n/state"
    cat > "$work/$n/ha.cf" <<CFG
nodename $n
cluster split-site
node node1 node2
keepalive 200ms
warntime 500ms
deadtime 1
initdead 20
authkeys $work/authkeys
state_dir $work/$n/state
control_socket $work/$n/vigil.sock
link ring0 bind=${addr[$n]}:5405 peers=${addr[node1]}:5405,${addr[node2]}:5405
quorum_server ${server[$n]}:5403
quorum_keystore $work/certs/clusters/split-site/$n.p12
quorum_keystore_password_file $work/certs/clusters/split-site/$n.pass
quorum_truststore $work/certs/truststore.p12
quorum_truststore_password_file $work/certs/truststore.pass
quorum_server_wait 5
CFG
done
umask 022

start_daemon() {
    local n=$1
    ip netns exec "${ns[$n]}" env HA_RSCTMP="$work/$n/rsc" "$top/bin/vigild" -c "$work/$n/ha.cf" \
        >> "$work/$n/daemon.log" 2>&1 &
    pid[$n]=$!
    disown
    say "started $n's daemon in ${ns[$n]} (pid ${pid[$n]}, log $work/$n/daemon.log)"
}

quorum() {   # quorum NODE FIELD: a field of 'vigil quorum status --output-as json'
    "$vigil" quorum status --socket "$work/$1/vigil.sock" --output-as json 2>/dev/null \
        | python3 -c 'import json,sys; v=json.load(sys.stdin)[sys.argv[1]]; print(",".join(v) if isinstance(v, list) else str(v).lower())' "$2" \
        2>/dev/null || true
}
await() {   # await SECONDS WHAT COMMAND...: polls COMMAND every 0.2 s
    local limit=$1 what=$2 deadline
    shift 2
    deadline=$((SECONDS + limit))
    until "$@"; do
        [ $SECONDS -lt $deadline ] || { show_logs; die "$what did not happen within $limit s"; }
        sleep 0.2
    done
}
show_logs() {
    for n in node1 node2; do
        echo "--- last lines of $n's log" >&2
        tail -n 30 "$work/$n/daemon.log" >&2 2>/dev/null || true
    done
    echo "--- last lines of the quorum server's log" >&2
    tail -n 15 "$work/quorumd.log" >&2 2>/dev/null || true
}
running() { [ -f "$work/$1/rsc/Dummy-web.state" ]; }
full_votes() { [ "$(quorum node1 votes)" = 3 ] && [ "$(quorum node2 votes)" = 3 ]; }
web_at() { running "$1" && ! running "$2"; }

start_daemon node1
start_daemon node2
await 60 "the cluster forming with the quorum server's vote (3 of 3 votes at both sites)" full_votes
say "cluster formed: $(quorum node1 summary)"
"$vigil" cib modify "$here/configuration.xml" --socket "$work/node1/vigil.sock" >/dev/null \
    || { show_logs; die "loading configuration.xml failed"; }
say "configuration loaded: watchdog fencing, web (ocf:vigil:Dummy) preferring site B"
await 60 "web starting at site B" web_at node2 node1
say "web runs at site B (node2)"
"$vigil" quorum status --socket "$work/node1/vigil.sock" | sed 's/^/    /'

# Watch both sites the whole time: web must never run at both at once.
watch_web() {
    set +e
    while :; do
        if running node1 && running node2; then echo "web ran at both sites" >> "$work/overlap"; fi
        sleep 0.05
    done
}
watch_web &
watcher=$!
disown

# --- the split ---------------------------------------------------------------------------------
say "cutting the inter-site link (site A's end down); both sites still reach the quorum server"
ip -n "${ns[node1]}" link set site0 down
await 60 "web moving to site A" web_at node1 node2
sleep 2   # a moment of the new steady state in the logs and the check below
kill "$watcher" 2>/dev/null || true
watcher=""
say "after the split:"
for n in node1 node2; do
    echo "    $n: $(quorum "$n" summary)"
done
echo "    --- the quorum server's decisions:"
grep -E "VoteService" "$work/quorumd.log" | sed 's/^/    /' || true
echo "    --- site B (node2), from the split on:"
grep -E "lost|quorum|web stop" "$work/node2/daemon.log" | grep -v QuorumClient | tail -n 6 | sed 's/^/    /' || true
echo "    --- site A (node1), from the split on:"
grep -E "lost|has quorum|fenc|web start" "$work/node1/daemon.log" | grep -v QuorumClient | tail -n 10 \
    | sed 's/^/    /' || true

# --- the check ---------------------------------------------------------------------------------
ok=yes
"$vigil" quorum status --socket "$work/node1/vigil.sock" >/dev/null \
    || { echo "FAIL: site A (node1) has no quorum" >&2; ok=no; }
if "$vigil" quorum status --socket "$work/node2/vigil.sock" >/dev/null; then
    echo "FAIL: site B (node2) still has quorum" >&2
    ok=no
fi
web_at node1 node2 || { echo "FAIL: web does not run at site A only" >&2; ok=no; }
[ ! -f "$work/overlap" ] || { echo "FAIL: web ran at both sites at once" >&2; ok=no; }
if [ $ok = yes ]; then
    echo "split-site: ok: site A (node1) kept quorum with the quorum server's vote and runs web; site B (node2) lost quorum and stopped it"
    exit 0
fi
show_logs
exit 1
