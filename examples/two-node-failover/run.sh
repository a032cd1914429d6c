#!/usr/bin/env bash
# shellcheck disable=SC2317  # functions called through trap and await
# A two-node failover pair in network namespaces: a floating IP (ocf:heartbeat:IPaddr2) and a web
# server (ocf:vigil:Daemon running web.py) with fencing (fence_dummy). A client in a third
# namespace uses the service the whole time; the active node's daemon is killed with kill -9; the
# survivor fences it, takes over the IP and the web server, and the client prints the outage it
# saw. Ends with a check: exit 0 only if the service came back on the other node within
# MAX_OUTAGE seconds (default 15).
#
#   namespace <tag>-n1 (node1, 10.214.0.1) --+
#   namespace <tag>-n2 (node2, 10.214.0.2) --+-- bridge in namespace <tag>-sw
#   namespace <tag>-cl (client, 10.214.0.10) -+    floating IP 10.214.0.100:8080
#
# Usage: sudo examples/two-node-failover/run.sh     KEEP=1 keeps the work directory.
# Needs: root, iproute2, python3, a built tree (mvn -q -DskipTests package), Debian's
# resource-agents (IPaddr2) and fence-agents (fence_dummy) packages.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
vigil="$top/bin/vigil"
max_outage=${MAX_OUTAGE:-15}
ocf_root=${OCF_ROOT:-/usr/lib/ocf}

die() { echo "run.sh: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "needs root (network namespaces): sudo $0"
command -v ip >/dev/null || die "ip (iproute2) missing"
command -v python3 >/dev/null || die "python3 missing"
[ -x /usr/sbin/fence_dummy ] || die "/usr/sbin/fence_dummy missing (package fence-agents)"
[ -x "$ocf_root/resource.d/heartbeat/IPaddr2" ] || die "$ocf_root/resource.d/heartbeat/IPaddr2 missing (package resource-agents)"
if [ ! -f "$top/cli/target/vigil-cli.jar" ] && [ ! -f "$top/lib/vigil-cli.jar" ]; then
    die "no built Vigil in $top: mvn -q -DskipTests package"
fi

t0=$EPOCHREALTIME
say() { printf '[%6.2fs] %s\n' "$(awk -v now="$EPOCHREALTIME" -v t0="$t0" 'BEGIN { print now - t0 }')" "$*"; }

tag=vfo$$
sw=$tag-sw
declare -A ns=([node1]=$tag-n1 [node2]=$tag-n2 [client]=$tag-cl)
declare -A addr=([node1]=10.214.0.1 [node2]=10.214.0.2 [client]=10.214.0.10)
declare -A port=([node1]=p1 [node2]=p2 [client]=pc)
declare -A pid=()
vip=10.214.0.100
url="http://$vip:8080/"
work=$(mktemp -d /tmp/vigil-two-node.XXXXXX)
watcher=""
client=""

cleanup() {
    set +e
    [ -z "$client" ] || kill "$client" 2>/dev/null
    [ -z "$watcher" ] || kill "$watcher" 2>/dev/null
    for n in node1 node2; do
        [ -z "${pid[$n]:-}" ] || kill -9 "${pid[$n]}" 2>/dev/null
    done
    for n in node1 node2 client; do   # whatever still runs in a namespace (web servers, agents)
        ip netns pids "${ns[$n]}" 2>/dev/null | xargs -r kill -9 2>/dev/null
    done
    for n in node1 node2 client; do ip netns del "${ns[$n]}" 2>/dev/null; done
    ip netns del "$sw" 2>/dev/null
    if [ -n "${KEEP:-}" ]; then echo "work directory kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- the network: three namespaces on one bridge ------------------------------------------------
say "creating namespaces ${ns[node1]}, ${ns[node2]}, ${ns[client]} on a bridge in $sw"
ip netns add "$sw"
ip -n "$sw" link add br0 type bridge
ip -n "$sw" link set br0 up
for n in node1 node2 client; do
    ip netns add "${ns[$n]}"
    ip -n "${ns[$n]}" link set lo up
    ip -n "${ns[$n]}" link add eth0 type veth peer name "${port[$n]}" netns "$sw"
    ip -n "${ns[$n]}" addr add "${addr[$n]}/24" dev eth0
    ip -n "${ns[$n]}" link set eth0 up
    ip -n "$sw" link set "${port[$n]}" master br0 up
done

# --- the cluster ------------------------------------------------------------------------------
umask 077
printf 'auth 1\n1 sha256 %s\n' "$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" > "$work/authkeys"
for n in node1 node2; do
    mkdir -p "$work/$n/rsc" "$work/$n/state"
    printf on > "$work/$n.power"   # fence_dummy reads the file as it is: no newline
    cat > "$work/$n/ha.cf" <<CFG
nodename $n
cluster two-node-example
node node1
node node2
keepalive 200ms
warntime 500ms
deadtime 1
initdead 20
authkeys $work/authkeys
state_dir $work/$n/state
control_socket $work/$n/vigil.sock
link ring0 bind=${addr[$n]}:5405 peers=${addr[node1]}:5405,${addr[node2]}:5405
CFG
done
umask 022
sed -e "s|@EXAMPLE@|$here|g" -e "s|@WORK@|$work|g" "$here/configuration.xml" > "$work/configuration.xml"

start_daemon() {
    local n=$1
    # ip netns exec, env and the launchers exec: $! is the daemon's JVM.
    ip netns exec "${ns[$n]}" env HA_RSCTMP="$work/$n/rsc" OCF_ROOT="$ocf_root" \
        "$top/bin/vigild" -c "$work/$n/ha.cf" >> "$work/$n/daemon.log" 2>&1 &
    pid[$n]=$!
    disown   # no "Killed" notice from bash when the crash is staged
    say "started $n's daemon in ${ns[$n]} (pid ${pid[$n]}, log $work/$n/daemon.log)"
}

members() {
    "$vigil" status --socket "$work/$1/vigil.sock" --output-as json 2>/dev/null \
        | python3 -c 'import json,sys; print(",".join(json.load(sys.stdin)["members"]))' 2>/dev/null || true
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
}
formed() { [ "$(members node1)" = node1,node2 ] && [ "$(members node2)" = node1,node2 ]; }
fetch() { ip netns exec "${ns[client]}" python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1], timeout=1).read().decode().strip())' "$url" 2>/dev/null; }
serving() { fetch >/dev/null; }

# --- the power supply: a node whose switch file says "off" loses power -------------------------
cut_power() {
    local n=$1
    ip netns pids "${ns[$n]}" | xargs -r kill -9 2>/dev/null || true
    ip -n "${ns[$n]}" link set eth0 down 2>/dev/null || true
    echo "[power] $n switched off by fence_dummy: every process in ${ns[$n]} killed, its link down"
}
watch_power() {
    set +e
    local cut=""
    while :; do
        for n in node1 node2; do
            if [[ $cut != *"$n"* ]] && [ "$(cat "$work/$n.power" 2>/dev/null)" = off ]; then
                cut="$cut $n"
                cut_power "$n"
            fi
        done
        sleep 0.05
    done
}
watch_power &
watcher=$!
disown

start_daemon node1
start_daemon node2
await 60 "the pair forming" formed
say "cluster formed: node1, node2"
"$vigil" cib modify "$work/configuration.xml" --socket "$work/node1/vigil.sock" >/dev/null \
    || { show_logs; die "loading configuration.xml failed"; }
say "configuration loaded: fence_dummy per node, group web = IPaddr2 $vip + web server on :8080"
await 60 "the web service starting" serving
active=$(fetch | awk '{print $3}')
survivor=node1
[ "$active" = node1 ] && survivor=node2
say "the web service runs on $active: $(fetch)"
"$vigil" status --socket "$work/$survivor/vigil.sock" | sed 's/^/    /'

# --- the client, then the crash -----------------------------------------------------------------
ip netns exec "${ns[client]}" python3 "$here/client.py" "$url" 90 > "$work/client.log" 2>&1 &
client=$!
await 20 "the client's first answer" grep -q "served by" "$work/client.log"
sleep 1   # a second of normal service in the client's log
say "kill -9 of $active's daemon (pid ${pid[$active]}); its IP and web server stay up until it is fenced"
kill -9 "${pid[$active]}"
pid[$active]=""
status=0
wait "$client" || status=$?
client=""
say "the client's view:"
sed 's/^/    /' "$work/client.log"
echo "    --- $survivor's log, from the loss on:"
grep -E "lost|fenc|Fenc|transition|web" "$work/$survivor/daemon.log" | tail -n 14 | sed 's/^/    /' || true
"$vigil" status --socket "$work/$survivor/vigil.sock" | sed 's/^/    /'

# --- the check ---------------------------------------------------------------------------------
outage=$(sed -n 's/^outage_s=//p' "$work/client.log")
now=$(fetch || true)
ok=yes
if [ "$status" != 0 ] || [ -z "$outage" ]; then
    echo "FAIL: the service did not come back" >&2
    ok=no
fi
[ "$(cat "$work/$active.power")" = off ] || { echo "FAIL: $active was not fenced" >&2; ok=no; }
[ "$now" = "served by $survivor" ] || { echo "FAIL: the service is not served by $survivor ('$now')" >&2; ok=no; }
if [ $ok = yes ] && python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) <= float(sys.argv[2]) else 1)" "$outage" "$max_outage"; then
    echo "two-node-failover: ok: $active fenced, service back on $survivor, outage_s=$outage (bound ${max_outage} s)"
    exit 0
fi
[ $ok = no ] || echo "FAIL: outage ${outage} s exceeds ${max_outage} s" >&2
show_logs
exit 1
