#!/usr/bin/env bash
# Benchmark of docket's git-history pass (see docs/performance.md).
#
#   bench/history.sh [COMMITS:RECORDS ...]      default: 2000:500 20000:5000
#
# For each size: generates a workspace with bench/gen_history.py once (cached), then
# runs `docket check WS --today 2026-11-23 --timings --format json` RUNS times and
# prints each run's wall time and --timings lines, then the medians.
#
# Environment:
#   DOCKET=path    use this docket binary instead of building one (cargo build --release)
#   RUNS=5         runs per size
#   CLIENTS=50     clients in the generated workspace
#   SEED=1         generator seed
#   CACHE=dir      where generated workspaces are kept
#                  (default: ${TMPDIR:-/tmp}/docket-bench)
#
# Needs bash, python3, git, awk, sort; cargo only when DOCKET is not set.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
RUNS=${RUNS:-5}
CLIENTS=${CLIENTS:-50}
SEED=${SEED:-1}
CACHE=${CACHE:-${TMPDIR:-/tmp}/docket-bench}
TODAY=2026-11-23

if [ $# -eq 0 ]; then
    set -- 2000:500 20000:5000
fi

if [ -z "${DOCKET:-}" ]; then
    echo "building docket (cargo build --release)" >&2
    (cd "$root" && cargo build --release --quiet)
    DOCKET=$root/target/release/docket
fi
[ -x "$DOCKET" ] || { echo "history.sh: $DOCKET is not an executable" >&2; exit 2; }

# Seconds since the epoch with microseconds (bash 5), or nanoseconds from GNU date.
now() {
    if [ -n "${EPOCHREALTIME:-}" ]; then
        echo "${EPOCHREALTIME/,/.}"
    else
        date +%s.%N
    fi
}

# The median of the numbers on standard input.
median() {
    sort -n | awk '{ v[NR] = $1 } END {
        if (NR == 0) { print "-"; exit }
        if (NR % 2) printf "%.1f\n", v[(NR + 1) / 2]
        else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2
    }'
}

# A changed generator makes a new workspace: its checksum is part of the cache name.
gen_sum=$(cksum < "$here/gen_history.py" | awk '{ print $1 }')
mkdir -p "$CACHE"

echo "docket:  $DOCKET"
echo "machine: $(uname -sm), $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?') cores"
echo "runs:    $RUNS per size, docket check WS --today $TODAY --timings --format json"

summary=()
for size in "$@"; do
    commits=${size%%:*}
    records=${size##*:}
    ws=$CACHE/history-$commits-$records-c$CLIENTS-s$SEED-g$gen_sum
    # The generator's summary, written last, marks a complete workspace.
    if [ ! -f "$ws.summary.json" ]; then
        echo
        echo "generating $ws"
        rm -rf "$ws"
        t0=$(now)
        python3 "$here/gen_history.py" "$ws" --commits "$commits" --records "$records" \
            --clients "$CLIENTS" --seed "$SEED" > "$ws.summary.tmp"
        mv "$ws.summary.tmp" "$ws.summary.json"
        t1=$(now)
        awk -v a="$t0" -v b="$t1" 'BEGIN { printf "generated in %.1f s\n", b - a }'
    fi

    echo
    echo "== $commits commits, $records records ($ws)"
    out=$ws.timings
    : > "$out"
    for ((i = 1; i <= RUNS; i++)); do
        t0=$(now)
        set +e
        "$DOCKET" check "$ws" --today "$TODAY" --timings --format json \
            > "$ws.check.json" 2> "$ws.stderr"
        rc=$?
        set -e
        t1=$(now)
        if [ "$rc" -gt 1 ]; then
            echo "docket check failed (exit $rc):" >&2
            cat "$ws.stderr" >&2
            exit 2
        fi
        wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) * 1000 }')
        echo "run $i: wall $wall ms (exit $rc)"
        sed 's/^/    /' "$ws.stderr"
        {
            echo "wall $wall"
            # "         git history:   16235.7 ms" -> "git-history 16235.7"
            awk -F: '/ ms$/ { n = $1; gsub(/^ +/, "", n); gsub(/ /, "-", n);
                              v = $2; gsub(/ms| /, "", v); print n, v }' "$ws.stderr"
        } >> "$out"
    done
    commits_read=$(sed -n 's/.*history: \([0-9]*\) commits read.*/\1/p' "$ws.stderr")
    paths=$(sed -n 's/.* \([0-9]*\) record paths indexed.*/\1/p' "$ws.stderr")
    med() { awk -v k="$1" '$1 == k { print $2 }' "$out" | median; }
    hist=$(med git-history)
    prov=$(med sign-off-provenance)
    wall=$(med wall)
    echo "median of $RUNS: wall $wall ms; git history $hist ms; sign-off provenance $prov ms"
    echo "diagnostics (last run):"
    python3 - "$ws.check.json" "$ws.summary.json" <<'EOF'
import collections, json, sys
out = json.load(open(sys.argv[1]))
gen = json.load(open(sys.argv[2]))
c = collections.Counter((d["severity"], d["name"]) for d in out["diagnostics"])
for (sev, name), n in sorted(c.items()):
    print(f"    {n:6d} {sev} {name}")
print(f"    summary: {out['summary']}")
print(f"    expected by the generator: {gen['expected']} "
      f"({gen['stale_orders']} stale of {gen['signed_orders']} signed work orders)")
EOF
    summary+=("| $commits | $records | $commits_read | $paths | $hist | $prov | $wall |")
done

echo
echo "| commits | records | commits read | paths indexed | git history (ms) | sign-off provenance (ms) | docket check wall (ms) |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${summary[@]}"
echo "(medians of $RUNS runs)"
