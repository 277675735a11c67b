#!/usr/bin/env bash
# docket's benchmark (see docs/performance.md).
#
#   bench/run.sh [RECORDS ...]        default: 1000 10000 100000
#
# Builds docket and the workspace generator in release, generates for each size a clean
# workspace and one with 1,000 planted mistakes (cached), and times with hyperfine:
#   check (with the history and parse caches of an earlier run, with DOCKET_NO_CACHE=parse:
#   every file parsed, and with DOCKET_NO_CACHE=1: the first check after a merge or a
#   rewritten history, with every file parsed), check after one file is edited,
#   check --format json (clean and with 1,000 mistakes), pending, report weekly
#   --internal, build, and Hugo rendering the same Markdown files as a plain site, the
#   language server's time from a change to its diagnostics (bench/lsp_latency.py); then
#   check, build and Hugo again on a group agency's shape (a client per ten records,
#   1,000 at the most);
# then the git-history case (20,000 commits touching 5,000 records). Peak memory comes
# from /usr/bin/time -v. It prints a Markdown table and, unless NO_DOC=1, writes it into
# docs/performance.md between the "bench:start" and "bench:end" markers.
#
# Environment:
#   RUNS=5          hyperfine runs per command (3 for 100k records and more)
#   CACHE=dir       where generated workspaces are kept (default ${TMPDIR:-/tmp}/docket-bench)
#   SEED=1          generator seed
#   HISTORY=0       skip the 20,000-commit history case
#   SMOKE=1         a tiny run that only proves the script works (one size of 200
#                   records, one run each, no history case, docs untouched)
#
# Needs: cargo, git, python3, hyperfine, hugo, /usr/bin/time
#   (Debian: apt-get install hyperfine hugo time).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
CACHE=${CACHE:-${TMPDIR:-/tmp}/docket-bench}
SEED=${SEED:-1}
TODAY=2026-11-23
SMOKE=${SMOKE:-0}
HISTORY=${HISTORY:-1}
NO_DOC=${NO_DOC:-0}
if [ "$SMOKE" = 1 ]; then
    set -- 200
    RUNS=1
    HISTORY=0
    NO_DOC=1
fi
[ $# -gt 0 ] || set -- 1000 10000 100000

for tool in hyperfine hugo git python3 /usr/bin/time; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "run.sh: $tool is missing (apt-get install hyperfine hugo time)" >&2
        exit 2
    }
done

echo "building docket and the generator (cargo build --release)" >&2
(cd "$root" && cargo build --release --quiet --bin docket --example gen)
DOCKET=$root/target/release/docket
GEN=$root/target/release/examples/gen
mkdir -p "$CACHE"
results=$CACHE/results
rm -rf "$results"
mkdir -p "$results"
# A changed generator makes new workspaces: the checksum of its files is part of the cache
# names.
gen_sum=$(cat "$here"/gen/*.rs | cksum | awk '{ print $1 }')

# generate NAME ARGS...: a workspace under $CACHE, made once.
generate() {
    local name=$1
    shift
    local ws=$CACHE/$name-$gen_sum
    if [ ! -f "$ws/docket.yaml" ]; then
        rm -rf "$ws"
        echo "generating $name ($*)" >&2
        "$GEN" --seed "$SEED" "$@" "$ws" > "$ws.json"
    fi
    echo "$ws"
}

# The Hugo site of a workspace: the same Markdown files (front matter and bodies) as
# content, rendered by two small layouts that show the title, every front-matter field
# and the body.
hugo_site() {
    local ws=$1 site=$2
    [ -f "$site/config.toml" ] && return 0
    rm -rf "$site"
    mkdir -p "$site/content" "$site/layouts/_default"
    cat > "$site/config.toml" <<'EOF'
baseURL = "http://localhost/"
title = "records"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = true
EOF
    cat > "$site/layouts/_default/single.html" <<'EOF'
<!DOCTYPE html><html><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>
<h1>{{ .Title }}</h1>
<dl>{{ range $k, $v := .Params }}<dt>{{ $k }}</dt><dd>{{ $v }}</dd>{{ end }}</dl>
{{ .Content }}
</body></html>
EOF
    cat > "$site/layouts/_default/list.html" <<'EOF'
<!DOCTYPE html><html><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
</body></html>
EOF
    (cd "$ws" && find clients internal -name '*.md' -print0 | xargs -0 cp --parents -t "$site/content")
}

# site_kb DIR: the bytes of the files of a built site, in KB (folders not counted: how
# much room a folder takes is the file system's, not the site's).
site_kb() {
    find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%d\n", s / 1024 }'
}

# bench LABEL SIZE RUNS COMMAND...: hyperfine, then one run under /usr/bin/time -v.
# PREPARE, when set, is run before each timed run (and before the memory run).
bench() {
    local label=$1 size=$2 runs=$3
    shift 3
    local json=$results/$label-$size.json
    local prepare=()
    [ -n "${PREPARE:-}" ] && prepare=(--prepare "$PREPARE")
    hyperfine --style basic --warmup 1 --runs "$runs" -i --export-json "$json" \
        "${prepare[@]}" -n "$label $size" "$*" >&2
    [ -n "${PREPARE:-}" ] && sh -c "$PREPARE"
    /usr/bin/time -v "$@" > /dev/null 2> "$results/$label-$size.time" || true
}

for size in "$@"; do
    runs=${RUNS:-5}
    if [ "$size" -ge 100000 ] && [ -z "${RUNS:-}" ]; then runs=3; fi
    commits=$(( size / 10 > 50 ? size / 10 : 50 ))
    clean=$(generate "clean-$size" --records "$size" --commits "$commits")
    mistakes=$(generate "mistakes-$size" --records "$size" --commits "$commits" --mistakes 1000)
    site=$CACHE/out-$size
    hugo=$CACHE/hugo-$size-$gen_sum
    hugo_site "$clean" "$hugo"
    env DOCKET_NO_CACHE=1 "$DOCKET" check "$clean" --today $TODAY --timings --format json > /dev/null 2> "$results/timings-fresh-$size.txt" || true
    "$DOCKET" check "$clean" --today $TODAY --format json > /dev/null || true
    "$DOCKET" check "$clean" --today $TODAY --timings --format json > /dev/null 2> "$results/timings-$size.txt" || true
    "$DOCKET" check "$mistakes" --today $TODAY --format json > "$results/mistakes-$size.json" || true
    du -sk --apparent-size --exclude=.git "$clean" | awk '{ print $1 }' > "$results/size-$size.txt"
    bench check "$size" "$runs" "$DOCKET" check "$clean" --today $TODAY
    bench check-noparse "$size" "$runs" env DOCKET_NO_CACHE=parse "$DOCKET" check "$clean" --today $TODAY
    bench check-fresh "$size" "$runs" env DOCKET_NO_CACHE=1 "$DOCKET" check "$clean" --today $TODAY
    bench check-json "$size" "$runs" "$DOCKET" check "$clean" --today $TODAY --format json
    bench mistakes-json "$size" "$runs" "$DOCKET" check "$mistakes" --today $TODAY --format json
    bench pending "$size" "$runs" "$DOCKET" pending "$clean" --today $TODAY
    bench report "$size" "$runs" "$DOCKET" report weekly "$clean" --internal --today $TODAY
    bench build "$size" "$runs" "$DOCKET" build "$clean" --out "$site" --today $TODAY
    bench hugo "$size" "$runs" hugo --quiet -s "$hugo" -d "$CACHE/hugo-out-$size"
    site_kb "$site" > "$results/site-$size.txt"

    # One record edited between two checks (an internal meeting: it has no sign-off, so
    # the edit changes nothing but that file), caches warm from the runs above.
    # (`sed -n 1p` reads all of its input: `head` would end `sort` with SIGPIPE, which
    # pipefail turns into a failure.)
    edited=$(find "$clean/internal" -name '*.md' | sort | sed -n 1p)
    PREPARE="$here/edit-one.sh '$edited'" \
        bench check-edited "$size" "$runs" "$DOCKET" check "$clean" --today $TODAY
    (cd "$clean" && git checkout -q -- "${edited#"$clean"/}")

    # The language server: a change of a buffer to its diagnostics (the median of ten
    # changes after the first compile).
    python3 "$here/lsp_latency.py" "$DOCKET" "$clean" --runs $(( runs * 2 )) > "$results/lsp-$size.json" || true

    # A group agency: many small clients, one for every ten records, 1,000 at the most
    # (the generator's names stay apart up to 1,023 clients).
    nclients=$(( size / 10 < 3 ? 3 : size / 10 > 1000 ? 1000 : size / 10 ))
    many=$(generate "many-clients-$size" --records "$size" --clients "$nclients" --commits "$commits")
    hugo_many=$CACHE/hugo-many-$size-$gen_sum
    hugo_site "$many" "$hugo_many"
    "$DOCKET" check "$many" --today $TODAY --format json > /dev/null || true
    bench check-many "$size" "$runs" "$DOCKET" check "$many" --today $TODAY
    bench build-many "$size" "$runs" "$DOCKET" build "$many" --out "$CACHE/out-many-$size" --today $TODAY
    bench hugo-many "$size" "$runs" hugo --quiet -s "$hugo_many" -d "$CACHE/hugo-out-many-$size"
    site_kb "$CACHE/out-many-$size" > "$results/site-many-$size.txt"
done

if [ "$HISTORY" = 1 ]; then
    hist=$(generate "history" --records 5000 --commits 20000)
    # Read afresh every time: this is the history pass itself, not the cache.
    for i in 1 2 3 4 5; do
        env DOCKET_NO_CACHE=1 "$DOCKET" check "$hist" --today $TODAY --timings --format json > /dev/null 2>> "$results/history-timings.txt" || true
    done
    bench history-check 5000 "${RUNS:-5}" env DOCKET_NO_CACHE=1 "$DOCKET" check "$hist" --today $TODAY --format json
    # The change log of the last 100 commits of the 20,000, for the agency and for a client.
    bench changes-100 5000 "${RUNS:-5}" "$DOCKET" changes "$hist" --since HEAD~100 --format json
    first=$(ls "$hist/clients" | sed -n 1p)
    bench changes-client-100 5000 "${RUNS:-5}" "$DOCKET" changes "$hist" --since HEAD~100 --client "$first" --format json
fi

python3 "$here/report.py" "$results" "$DOCKET" "$@" > "$results/table.md"
cat "$results/table.md"
if [ "$NO_DOC" != 1 ]; then
    python3 - "$root/docs/performance.md" "$results/table.md" <<'EOF'
import sys
doc, table = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
text = open(doc, encoding="utf-8").read()
start, end = "<!-- bench:start -->", "<!-- bench:end -->"
if start not in text:
    sys.exit("performance.md has no bench markers")
head, rest = text.split(start, 1)
_, tail = rest.split(end, 1)
open(doc, "w", encoding="utf-8").write(head + start + "\n" + table + end + tail)
print("wrote the table into " + doc, file=sys.stderr)
EOF
fi
