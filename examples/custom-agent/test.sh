#!/usr/bin/env bash
# shellcheck disable=SC2317  # functions called through trap and check
# Tests ocf:example:StaticWeb the way ocf-tester does, but through the executor the cluster
# itself uses (bin/vigil ra exec): meta-data, validate-all, required parameters, probe, start,
# idempotent start and stop, monitor (also at OCF_CHECK_LEVEL 10), a crash behind the agent's
# back, a start that cannot bind its port, and an unsupported action.
# Usage: examples/custom-agent/test.sh      Needs: a built tree (mvn -q -DskipTests package),
# python3. No root. Exits 0 when every check passed.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
vigil="$top/bin/vigil"
agent=ocf:example:StaticWeb
[ -x "$vigil" ] || { echo "test.sh: $vigil missing" >&2; exit 2; }
command -v python3 >/dev/null || { echo "test.sh: python3 missing" >&2; exit 2; }

# The executor looks for OCF agents in OCF_RA_PATH (PROVIDER/TYPE under each directory).
export OCF_RA_PATH="$here/resource.d:${OCF_ROOT:-/usr/lib/ocf}/resource.d"
work=$(mktemp -d "${TMPDIR:-/tmp}/custom-agent.XXXXXX")
export HA_RSCTMP="$work/rsc"            # where the agent keeps its pid file
mkdir -p "$HA_RSCTMP" "$work/www"
echo "hello from StaticWeb" > "$work/www/index.html"

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
port=$(free_port)
params=(-r web -p directory="$work/www" -p port="$port" -p address=127.0.0.1)
blocker=""

cleanup() {
    "$vigil" ra exec "$agent" stop "${params[@]}" >/dev/null 2>&1
    [ -z "$blocker" ] || kill "$blocker" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

passed=0
failed=0
# check DESCRIPTION EXPECTED_EXIT COMMAND...: runs COMMAND, compares its exit status.
check() {
    local what=$1 expected=$2 out rc
    shift 2
    out=$("$@" 2>&1)
    rc=$?
    if [ "$rc" = "$expected" ]; then
        passed=$((passed + 1))
        printf 'ok    %-62s rc=%s\n' "$what" "$rc"
    else
        failed=$((failed + 1))
        printf 'FAIL  %-62s expected rc=%s, got %s\n' "$what" "$expected" "$rc"
        printf '%s\n' "$out" | sed 's/^/        /'
    fi
}
ra() { "$vigil" ra exec "$agent" "$@"; }
fetch() { python3 -c 'import sys, urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1], timeout=5).read().decode())' "http://127.0.0.1:$port/" | grep -q "hello from StaticWeb"; }
server_pid() { cat "$HA_RSCTMP/StaticWeb-web.pid"; }

echo "Testing $agent ($here/resource.d/example/StaticWeb) with $vigil ra exec"
check "meta-data is well-formed and describes the parameters" 0 "$vigil" ra info "$agent"
check "validate-all accepts a good configuration" 0 ra validate-all "${params[@]}"
check "a missing required parameter is refused before the agent runs" 6 ra start -r web -p port="$port"
check "validate-all: a port that is not a number is 'not configured'" 6 \
    ra validate-all -r web -p directory="$work/www" -p port=http
check "validate-all: a missing directory is 'not installed' (here)" 5 \
    ra validate-all -r web -p directory="$work/nowhere" -p port="$port"
check "probe before start: not running" 7 ra monitor "${params[@]}"
check "start" 0 ra start "${params[@]}"
check "the page is served" 0 fetch
check "start again: ok (start is idempotent)" 0 ra start "${params[@]}"
check "monitor: running" 0 ra monitor "${params[@]}" --interval 10s
check "deep monitor (OCF_CHECK_LEVEL=10) fetches the page" 0 ra monitor "${params[@]}" --check-level 10
kill -9 "$(server_pid)" 2>/dev/null
check "monitor after the server crashed: not running" 7 ra monitor "${params[@]}"
check "start after the crash" 0 ra start "${params[@]}"
check "stop" 0 ra stop "${params[@]}"
check "stop again: ok (stop is idempotent)" 0 ra stop "${params[@]}"
check "monitor after stop: not running" 7 ra monitor "${params[@]}"
check "the page is no longer served" 1 fetch
# Another program holds the port: start must fail (not hang, not claim success).
port2=$(free_port)
python3 -c 'import socket, sys, time; s = socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(); time.sleep(120)' "$port2" &
blocker=$!
for _ in $(seq 50); do python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)' "$port2" 2>/dev/null && break; sleep 0.1; done
# Exits with start's status, or 99 when the reason does not name the port problem.
start_busy() {
    local out rc
    out=$(ra start -r web2 -p directory="$work/www" -p port="$port2" -p address=127.0.0.1 2>&1)
    rc=$?
    printf '%s\n' "$out"
    grep -q "in use" <<<"$out" || return 99
    return "$rc"
}
check "start on a port in use fails, with a reason" 1 start_busy
check "an action the agent does not implement: unimplemented" 3 ra promote "${params[@]}"

echo
if [ "$failed" -eq 0 ]; then
    echo "custom-agent: all $passed checks passed"
    exit 0
fi
echo "custom-agent: $failed of $((passed + failed)) checks FAILED"
exit 1
