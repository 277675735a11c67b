#!/usr/bin/env bash
# Coverage-guided fuzzing of docket (cargo-fuzz, libFuzzer), on the stable toolchain.
#
#   fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
#
# 1. builds the targets once (fuzz/target, RUSTC_BOOTSTRAP=1 so stable rustc accepts the
#    sanitizer-coverage flags),
# 2. replays every input under fuzz/regressions/<target>/ (inputs that once failed),
# 3. seeds fuzz/corpus/<target>/ from ../shared/corpora (yaml-test-suite cases as front
#    matter, CommonMark spec examples as bodies) when it is there, and from every record
#    of example-workspace/,
# 4. runs each target for SECONDS_PER_TARGET seconds (default 20; 3600 for a long run),
# 5. prints, per target, the inputs executed, executions per second and coverage.
#
# Exits non-zero when a regression input fails again or a target crashes, hangs
# (-timeout) or runs out of memory (-rss_limit_mb); the failing input is written to
# fuzz/artifacts/<target>/ and the target's log to fuzz/target/logs/<target>.log.
#
# Environment: FUZZ_PROFILE=dev builds with the fuzz crate's dev profile (opt-level 1:
# a cold build in about a third of the release build's time, inputs about as fast; what
# CI's short runs want); FUZZ_JOBS=2 runs two targets at a time (at most 2);
# FUZZ_SANITIZER=address builds with AddressSanitizer (default none: docket and this
# crate have no unsafe code, and the targets run about twice as fast without it);
# DOCKET_CORPORA overrides the corpora folder.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
cd "$here"

seconds="${1:-20}"
shift || true
all_targets=(frontmatter workspace sign markdown)
if [ $# -gt 0 ]; then
  targets=("$@")
else
  targets=("${all_targets[@]}")
fi
case "$seconds" in
  '' | *[!0-9]*) echo "usage: fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]" >&2; exit 2 ;;
esac
jobs="${FUZZ_JOBS:-1}"
if [ "$jobs" -gt 2 ]; then jobs=2; fi
if [ "$jobs" -lt 1 ]; then jobs=1; fi
sanitizer="${FUZZ_SANITIZER:-none}"
corpora="${DOCKET_CORPORA:-$root/../shared/corpora}"
triple="$(rustc -vV | sed -n 's/^host: //p')"
profile="${FUZZ_PROFILE:-release}"
case "$profile" in
  release) profile_flag=(--release); bin="$here/target/$triple/release" ;;
  dev) profile_flag=(--dev); bin="$here/target/$triple/debug" ;;
  *) echo "FUZZ_PROFILE is release or dev" >&2; exit 2 ;;
esac
logs="$here/target/logs"

max_len() {
  case "$1" in
    frontmatter | markdown) echo 16384 ;;
    workspace) echo 8192 ;;
    sign) echo 4096 ;;
    *) echo 4096 ;;
  esac
}

started=$(date +%s)
echo "== build (sanitizer: $sanitizer, profile: $profile)"
build_only=()
if [ ${#targets[@]} -eq 1 ]; then build_only=("${targets[0]}"); fi
RUSTC_BOOTSTRAP=1 nice -n 10 cargo fuzz build "${profile_flag[@]}" --sanitizer "$sanitizer" "${build_only[@]}"
built=$(date +%s)

failed=()

echo "== regressions"
for t in "${targets[@]}"; do
  dir="$here/regressions/$t"
  [ -d "$dir" ] || continue
  files=("$dir"/*)
  [ -e "${files[0]}" ] || continue
  mkdir -p "$logs"
  if "$bin/$t" -timeout=10 -rss_limit_mb=2048 "${files[@]}" > "$logs/$t.regressions.log" 2>&1; then
    echo "$t: ${#files[@]} regression inputs pass"
  else
    echo "$t: a regression input fails again; see $logs/$t.regressions.log" >&2
    tail -n 30 "$logs/$t.regressions.log" >&2
    failed+=("$t (regression)")
  fi
done

echo "== seeds"
mkdir -p "${targets[@]/#/corpus/}"
python3 - "$root" "$corpora" <<'PY'
import hashlib, json, os, sys

root, corpora = sys.argv[1], sys.argv[2]
fuzz = os.path.join(root, "fuzz")

def put(target, data):
    folder = os.path.join(fuzz, "corpus", target)
    if not os.path.isdir(folder):
        return 0
    path = os.path.join(folder, hashlib.sha1(data).hexdigest())
    if not os.path.exists(path):
        with open(path, "wb") as f:
            f.write(data)
    return 1

counts = {}
def count(target, n):
    counts[target] = counts.get(target, 0) + n

# Every record of the example workspace, as it is and inside a generated workspace; its
# bodies as Markdown.
example = os.path.join(root, "example-workspace")
# The workspace target reads a record after a line `=====` and a digit naming its folder.
slots = {"orders": b"0", "minutes": b"1", "schedules": b"2", "invoices": b"3"}
for dirpath, dirnames, filenames in os.walk(example):
    dirnames[:] = sorted(d for d in dirnames if not d.startswith(("_", ".")))
    for name in sorted(filenames):
        if not name.endswith(".md"):
            continue
        with open(os.path.join(dirpath, name), "rb") as f:
            data = f.read()
        rel = os.path.relpath(os.path.join(dirpath, name), example).split(os.sep)
        count("frontmatter", put("frontmatter", data))
        if rel[-1] != "client.md" and rel[-1] != "README.md":
            # The sign target signs an input that starts with `---` as it is.
            count("sign", put("sign", data))
        parts = data.split(b"\n---\n", 1)
        if len(parts) == 2:
            count("markdown", put("markdown", parts[1]))
        if rel[-1] == "client.md":
            slot = b"4"
        elif rel[0] == "internal":
            slot = b"5"
        else:
            slot = slots.get(rel[-2], b"6") if len(rel) > 1 else b"6"
        for control in (b"", bytes(range(1, 33))):
            count("workspace", put("workspace", control + b"\n=====" + slot + b"\n" + data))

# The generated targets draw their choices from the bytes: longer inputs than libFuzzer
# starts with give richer records and workspaces from the first run.
stream = hashlib.sha256(b"docket").digest()
for n in range(32):
    data = b""
    while len(data) < 64 + 32 * n:
        stream = hashlib.sha256(stream).digest()
        data += stream
    count("sign", put("sign", data))
    count("workspace", put("workspace", data))

if os.path.isdir(os.path.join(corpora, "yaml-test-suite")):
    suite = os.path.join(corpora, "yaml-test-suite")
    for dirpath, dirnames, filenames in os.walk(suite):
        dirnames.sort()
        if "in.yaml" in filenames:
            with open(os.path.join(dirpath, "in.yaml"), "rb") as f:
                yaml = f.read()
            count("frontmatter", put("frontmatter", b"---\n" + yaml + b"\n---\nbody\n"))
else:
    print(f"seeds: {corpora}/yaml-test-suite is absent; no YAML test suite seeds")

spec = os.path.join(corpora, "commonmark-spec", "spec-0.31.2.json")
if os.path.isfile(spec):
    with open(spec, encoding="utf-8") as f:
        for example in json.load(f):
            md = example["markdown"].encode("utf-8")
            count("markdown", put("markdown", md))
            count("frontmatter", put("frontmatter", b"---\ntitle: T\n---\n" + md))
else:
    print(f"seeds: {spec} is absent; no CommonMark seeds")

for target in sorted(counts):
    print(f"seeds: {target}: {counts[target]} inputs")
PY

mkdir -p "$logs"
run_one() {
  local t="$1"
  mkdir -p "$here/artifacts/$t"
  local dict=()
  [ -f "$here/dicts/$t.dict" ] && dict=(-dict="$here/dicts/$t.dict")
  "$bin/$t" "$here/corpus/$t" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$(max_len "$t")" \
    -artifact_prefix="$here/artifacts/$t/" -print_final_stats=1 "${dict[@]}" \
    > "$logs/$t.log" 2>&1
}

echo "== fuzzing: ${seconds}s per target, $jobs at a time"
pids=()
names=()
for t in "${targets[@]}"; do
  run_one "$t" &
  pids+=($!)
  names+=("$t")
  if [ ${#pids[@]} -ge "$jobs" ]; then
    if ! wait "${pids[0]}"; then failed+=("${names[0]}"); fi
    pids=("${pids[@]:1}")
    names=("${names[@]:1}")
  fi
done
for i in "${!pids[@]}"; do
  if ! wait "${pids[$i]}"; then failed+=("${names[$i]}"); fi
done

echo "== results"
printf '%-12s %12s %10s %8s %8s %8s\n' target execs exec/s cov ft corpus
for t in "${targets[@]}"; do
  log="$logs/$t.log"
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<< "$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<< "$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<< "$last")
  printf '%-12s %12s %10s %8s %8s %8s\n' "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}"
done
finished=$(date +%s)
echo "build $((built - started))s, total $((finished - started))s"

if [ ${#failed[@]} -gt 0 ]; then
  for t in "${failed[@]}"; do
    name="${t%% *}"
    echo "FAILED: $t; log $logs/$name.log, inputs in $here/artifacts/$name/" >&2
    grep -E '^(==[0-9]+==|thread .* panicked|SUMMARY|ERROR)' "$logs/$name.log" 2>/dev/null | head -n 5 >&2 || true
  done
  exit 1
fi
