#!/usr/bin/env bash
# Times `bin/vigil simulate -S` (JVM start included) on large generated CIBs and prints the figures.
# Usage: bench/simulate.sh [runs]   (default 3 runs per CIB; the best and the median are printed)
# Needs: a built tree (mvn -q -DskipTests package) and ../shared/bench/gen_cib.py.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
gen="$top/../shared/bench/gen_cib.py"
runs=${1:-3}
out="$top/bench/out"
mkdir -p "$out"
[ -x "$top/bin/vigil" ] || { echo "bin/vigil missing" >&2; exit 1; }
[ -f "$gen" ] || { echo "$gen not found" >&2; exit 1; }

printf '%-8s %-6s %-10s %-9s %9s %9s %8s\n' nodes rsc state xml_MB best_s median_s summary
for spec in "16 500" "16 2000" "16 5000" "64 1000"; do
  set -- $spec
  nodes=$1; rsc=$2
  for state in empty failover; do
    cib="$out/cib-$nodes-$rsc-$state.xml"
    [ -s "$cib" ] || python3 "$gen" --nodes "$nodes" --resources "$rsc" --seed 1 --state "$state" > "$cib"
    times=()
    lines=0
    for _ in $(seq "$runs"); do
      t0=$(date +%s.%N)
      "$top/bin/vigil" simulate -S -x "$cib" > "$out/last.txt"
      t1=$(date +%s.%N)
      times+=("$(echo "$t1 - $t0" | bc)")
      lines=$(sed -n '/^Transition Summary:/,/^Executing/p' "$out/last.txt" | grep -c '^  \*' || true)
    done
    sorted=$(printf '%s\n' "${times[@]}" | sort -n)
    best=$(echo "$sorted" | head -1)
    median=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
    mb=$(awk -v b="$(stat -c %s "$cib")" 'BEGIN{printf "%.1f", b/1048576}')
    printf '%-8s %-6s %-10s %-9s %9.2f %9.2f %8s\n' "$nodes" "$rsc" "$state" "$mb" "$best" "$median" "$lines"
  done
done
