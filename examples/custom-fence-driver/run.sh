#!/usr/bin/env bash
# Builds the example fence driver (its own Maven project, with its unit tests against a fake PDU),
# puts the jar into a plugin directory and shows Vigil finding it: 'vigil stonith list' and
# 'vigil stonith describe rest-pdu', with --plugins DIR and through VIGIL_FENCE_PLUGINS (what the
# daemon reads; default /usr/lib/vigil/fence-drivers).
# Usage: examples/custom-fence-driver/run.sh   Needs: a built Vigil tree (mvn -q -DskipTests package)
# or an unpacked distribution, Maven, Java 17. No root. MVN_ARGS adds Maven options (e.g. -o).
# Exits 0 when Vigil found and described the driver.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
vigil="$top/bin/vigil"

# The SPI jar to compile against: a built source tree's, else a distribution's.
spi=""
for jar in "$top"/stonith/target/vigil-stonith-*.jar "$top"/lib/vigil-stonith-*.jar; do
    case $jar in *-sources.jar | *-tests.jar) continue ;; esac
    [ -f "$jar" ] && { spi=$jar; break; }
done
[ -n "$spi" ] || { echo "run.sh: no vigil-stonith jar in $top/stonith/target or $top/lib: build Vigil first (mvn -q -DskipTests package)" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/fence-plugin.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "== building the driver against $spi"
# shellcheck disable=SC2086  # MVN_ARGS holds several options
if ! mvn -q -B ${MVN_ARGS:-} package -f "$here/pom.xml" -Dvigil.stonith.jar="$spi" >"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2
    echo "run.sh: building the driver failed" >&2
    exit 1
fi
echo "== built $here/target/fence-rest-pdu.jar (its unit tests passed)"
plugins="$work/fence-drivers"
mkdir -p "$plugins"
cp "$here/target/fence-rest-pdu.jar" "$plugins/"
echo "== $plugins: $(ls "$plugins")"

echo "== vigil stonith list --plugins $plugins"
list=$("$vigil" stonith list --plugins "$plugins")
printf '%s\n' "$list" | head -n 8
echo "   ..."
echo "== vigil stonith describe rest-pdu --plugins $plugins"
describe=$("$vigil" stonith describe rest-pdu --plugins "$plugins")
printf '%s\n' "$describe"
echo "== VIGIL_FENCE_PLUGINS=$plugins vigil stonith list   (the daemon reads the same variable)"
from_env=$(VIGIL_FENCE_PLUGINS="$plugins" "$vigil" stonith list)

ok=yes
grep -q "^rest-pdu (plugin $plugins/fence-rest-pdu.jar)" <<<"$list" || { echo "FAIL: list does not show the plugin" >&2; ok=no; }
grep -q '^  url \* (string)' <<<"$describe" || { echo "FAIL: describe does not show the required url parameter" >&2; ok=no; }
grep -q "^rest-pdu (plugin" <<<"$from_env" || { echo "FAIL: VIGIL_FENCE_PLUGINS is not honoured" >&2; ok=no; }
if [ $ok = yes ]; then
    echo "custom-fence-driver: ok: rest-pdu was built, loaded from the plugin directory and described"
    exit 0
fi
exit 1
