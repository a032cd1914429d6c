#!/usr/bin/env bash
# Times failover after a crash: a two-node pair on loopback (keepalive 200 ms, deadtime 1 s) runs
# ocf:heartbeat:Dummy resource 'web'; the active node's daemon is killed with kill -9 and the time
# until the resource has started on the survivor (its state file appears) is measured. The killed
# daemon is then restarted with an empty HA_RSCTMP (as after a reboot) and rejoins; repeated RUNS
# times, so the resource alternates between the nodes.
# With --fencing, fencing is enabled with one real fence_dummy device per node (package
# fence-agents): the survivor fences the killed node before it starts the resource, so the figure
# includes fencing (compare with a run without it).
# Usage: bench/failover.sh [--fencing] [RUNS]   (default 5). KEEP=1 keeps the work directory.
# Prints one line per run and, last, "failover_s median=M max=X runs=N fencing=on|off".
# Needs: a built tree (mvn -q -DskipTests package), python3, ocf:heartbeat:Dummy (package resource-agents).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
fencing=off
if [ "${1:-}" = --fencing ]; then
    fencing=on
    shift
    [ -x /usr/sbin/fence_dummy ] || { echo "/usr/sbin/fence_dummy missing (package fence-agents)" >&2; exit 1; }
fi
runs=${1:-5}
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [--fencing] [RUNS]" >&2; exit 2; }
vigil="$top/bin/vigil"
[ -x "$vigil" ] && [ -f "$top/cli/target/vigil-cli.jar" ] \
    || { echo "bin/vigil or cli/target/vigil-cli.jar missing: mvn -q -DskipTests package" >&2; exit 1; }
ocf_root=${OCF_ROOT:-/usr/lib/ocf}
[ -x "$ocf_root/resource.d/heartbeat/Dummy" ] \
    || { echo "$ocf_root/resource.d/heartbeat/Dummy missing (package resource-agents)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 missing" >&2; exit 1; }

work=$(mktemp -d /tmp/vigil-failover.XXXXXX)
nodes=(node1 node2)
declare -A pid=()

cleanup() {
    for n in "${nodes[@]}"; do
        if [ -n "${pid[$n]:-}" ]; then
            kill -9 "${pid[$n]}" 2>/dev/null || true
        fi
    done
    for n in "${nodes[@]}"; do
        for _ in $(seq 100); do
            [ -z "${pid[$n]:-}" ] || ! kill -0 "${pid[$n]}" 2>/dev/null && break
            sleep 0.05
        done
    done
    if [ -n "${KEEP:-}" ]; then
        echo "work directory kept: $work" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

die() {
    echo "failover.sh: $*" >&2
    for n in "${nodes[@]}"; do
        echo "$n: pid ${pid[$n]:-none}, members seen: $(members "$n"), state file: $(ls "$work/$n/rsc" 2>/dev/null)" >&2
    done
    for n in "${nodes[@]}"; do
        echo "--- last lines of $n's log ($work/$n/daemon.log)" >&2
        tail -n 25 "$work/$n/daemon.log" >&2 2>/dev/null || true
    done
    exit 1
}

# Two free UDP ports on 127.0.0.1, one per node (each link is bound exactly).
read -r port1 port2 < <(python3 - <<'EOF'
import socket
socks = [socket.socket(socket.AF_INET, socket.SOCK_DGRAM) for _ in range(2)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))
EOF
)
declare -A port=([node1]=$port1 [node2]=$port2)

umask 077
printf 'auth 1\n1 sha256 failover-bench-%s\n' "$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
    > "$work/authkeys"
chmod 600 "$work/authkeys"
for n in "${nodes[@]}"; do
    mkdir -p "$work/$n/rsc" "$work/$n/state"
    cat > "$work/$n/ha.cf" <<EOF
nodename $n
cluster failover-bench
keepalive 200ms
warntime 500ms
deadtime 1
initdead 2
authkeys $work/authkeys
state_dir $work/$n/state
control_socket $work/$n/vigil.sock
link ring0 bind=127.0.0.1:${port[$n]} peers=127.0.0.1:$port1,127.0.0.1:$port2
EOF
done
if [ $fencing = on ]; then
    devices=""
    for n in "${nodes[@]}"; do
        printf on > "$work/$n.power"   # no newline: fence_dummy compares the whole file
        devices+="<primitive id=\"fence-$n\" class=\"stonith\" type=\"fence_dummy\">
      <instance_attributes id=\"fence-$n-ia\">
        <nvpair id=\"fence-$n-file\" name=\"status_file\" value=\"$work/$n.power\"/>
        <nvpair id=\"fence-$n-hosts\" name=\"pcmk_host_list\" value=\"$n\"/>
      </instance_attributes>
    </primitive>
    "
    done
    options='<nvpair id="opt-action" name="stonith-action" value="off"/>'
else
    devices=""
    options='<nvpair id="opt-stonith" name="stonith-enabled" value="false"/>'
fi
cat > "$work/web.xml" <<EOF
<configuration>
  <crm_config><cluster_property_set id="cib-bootstrap-options">
    $options
  </cluster_property_set></crm_config>
  <resources>
    $devices<primitive id="web" class="ocf" provider="heartbeat" type="Dummy">
      <meta_attributes id="web-meta">
        <nvpair id="web-stick" name="resource-stickiness" value="100"/>
      </meta_attributes>
      <operations><op id="web-mon" name="monitor" interval="10s" timeout="20s"/></operations>
    </primitive>
  </resources>
</configuration>
EOF

# Members as seen by node $1 ("node1,node2"), empty while its daemon does not answer.
members() {
    "$vigil" status --socket "$work/$1/vigil.sock" --output-as json 2>/dev/null \
        | python3 -c 'import json,sys; print(",".join(json.load(sys.stdin)["members"]))' 2>/dev/null || true
}

# Waits up to $2 seconds for condition $1 (a shell command) to hold.
await() {
    local deadline=$((SECONDS + $2))
    until eval "$1"; do
        [ $SECONDS -lt $deadline ] || return 1
        sleep 0.2
    done
}

state() { echo "$work/$1/rsc/Dummy-web.state"; }
formed() { [ "$(members node1)" = node1,node2 ] && [ "$(members node2)" = node1,node2 ]; }
one_state() { local c=0; for n in "${nodes[@]}"; do [ -e "$(state "$n")" ] && c=$((c + 1)); done; [ $c -eq 1 ]; }
active() { for n in "${nodes[@]}"; do [ -e "$(state "$n")" ] && { echo "$n"; return; }; done; true; }

# bin/vigil sets vigil.home, so the daemon finds the agents of this source tree
start_daemon() {
    local n=$1
    rm -f "$work/$n/rsc/"*   # HA_RSCTMP is empty after a reboot
    echo "=== started $(date '+%F %T.%N')" >> "$work/$n/daemon.log"
    HA_RSCTMP="$work/$n/rsc" OCF_ROOT="$ocf_root" "$top/bin/vigild" -c "$work/$n/ha.cf" \
        >> "$work/$n/daemon.log" 2>&1 &
    pid[$n]=$!
    disown   # no "Killed" job notices; gone() tells when it has exited
}

gone() { ! kill -0 "$1" 2>/dev/null; }

start_daemon node1
start_daemon node2
await formed 60 || die "the pair did not form within 60 s"
"$vigil" cib modify "$work/web.xml" --socket "$work/node1/vigil.sock" >/dev/null || die "loading the CIB failed"
await one_state 30 || die "resource web did not start on exactly one node within 30 s"
sleep 1

times=()
for run in $(seq "$runs"); do
    victim=$(active)
    survivor=node1
    [ "$victim" = node1 ] && survivor=node2
    target=$(state "$survivor")

    t0=$(date +%s.%N)
    kill -9 "${pid[$victim]}"
    deadline=$((SECONDS + 30))
    while [ ! -e "$target" ]; do
        [ $SECONDS -lt $deadline ] || die "run $run: web did not start on $survivor within 30 s"
        sleep 0.005
    done
    t1=$(date +%s.%N)
    for n in "${nodes[@]}"; do   # marks in both logs, to see where the time went
        echo "=== run $run: $victim killed at $(date -d "@$t0" '+%T.%3N'), web state file on $survivor at $(date -d "@$t1" '+%T.%3N')" \
            >> "$work/$n/daemon.log"
    done
    await "gone ${pid[$victim]}" 10 || die "run $run: $victim's daemon (pid ${pid[$victim]}) did not exit"
    pid[$victim]=""
    t=$(python3 -c "print(f'{$t1 - $t0:.3f}')")
    times+=("$t")
    printf 'run %d: killed %s, web started on %s after %s s\n' "$run" "$victim" "$survivor" "$t"

    [ $fencing = off ] || [ "$(cat "$work/$victim.power")" = off ] || die "run $run: $victim was not fenced"
    [ $fencing = off ] || printf on > "$work/$victim.power"   # powered on again
    start_daemon "$victim"
    await formed 60 || die "run $run: $victim did not rejoin within 60 s"
    await one_state 10 || die "run $run: web is not running on exactly one node after $victim rejoined"
    [ "$(active)" = "$survivor" ] || die "run $run: web moved back to $victim on rejoin"
    sleep 1   # let the rejoined node settle (probes, CIB sync) before the next kill
done

python3 - "$fencing" "${times[@]}" <<'EOF'
import statistics, sys
t = sorted(float(x) for x in sys.argv[2:])
print(f"failover_s median={statistics.median(t):.3f} max={t[-1]:.3f} runs={len(t)} fencing={sys.argv[1]}")
EOF
