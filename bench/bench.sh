#!/usr/bin/env bash
# make bench: generate a realistic archive outside the repository (once per size and seed)
# and time kh validate against the baseline (walk + libyaml parse, single-threaded, in C).
# usage: bench/bench.sh [CUSTOMERS] [SEED]    env: KH_BENCH_DIR (/tmp/kh-bench), KH_BIN, RUNS (3)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
customers="${1:-10000}"
seed="${2:-1}"
dir="${KH_BENCH_DIR:-/tmp/kh-bench}"
kh="${KH_BIN:-$here/../.build/release/kh}"
runs="${RUNS:-3}"
archive="$dir/archive-$customers-$seed"
mkdir -p "$dir"

if [ ! -f "$archive/.generated" ]; then
  rm -rf "$archive"
  echo "generating $customers customers (seed $seed) in $archive …"
  python3 "$here/gen_archive.py" "$archive" --customers "$customers" --seed "$seed"
  touch "$archive/.generated"
fi
# kh refuses an archive reached through a symbolic link: name the real folder.
archive="$(realpath "$archive")"
cc -O2 -Wall -o "$dir/baseline" "$here/baseline.c" -lyaml

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "archive: $(find "$archive/客户档案" -name '*.yaml' | wc -l) documents, $(find "$archive/客户档案" -name '*.yaml' -printf '%s\n' | awk '{s+=$1} END {printf "%.0f MB", s/1e6}') of YAML"

timed() { # label command… : prints wall seconds and max RSS (KB) per run
  local label="$1"; shift
  local walls=() rss=()
  for _ in $(seq "$runs"); do
    local out
    /usr/bin/time -f '%e %M' -o "$dir/time.out" "$@" >/dev/null 2>&1 || true
    out=$(tail -1 "$dir/time.out")
    walls+=("${out% *}"); rss+=("${out#* }")
  done
  local sorted
  sorted=$(printf '%s\n' "${walls[@]}" | sort -n)
  local min median maxrss
  min=$(echo "$sorted" | head -1)
  median=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
  maxrss=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
  printf '%-40s min %6.2f s   median %6.2f s   peak RSS %5d MB\n' "$label" "$min" "$median" "$((maxrss / 1024))" | tee -a "$dir/bench.log"
}

if [ ! -x /usr/bin/time ]; then
  echo "/usr/bin/time is missing (Debian package 'time'); install it to measure peak memory" >&2
  exit 1
fi
if [ "${MODE:-}" = memory ]; then
  # make bench-memory: peak memory of kh validate on a large archive, against a limit.
  limit="${KH_MEMORY_LIMIT_MB:-1024}"
  cache="$archive/.kh/cache"
  rm -rf "$cache"
  worst=0
  for label in "kh validate --no-cache" "kh validate (building the cache)" "kh validate (cache warm)"; do
    case "$label" in
      *no-cache*) args=(validate --no-cache --quiet "$archive") ;;
      *) args=(validate --quiet "$archive") ;;
    esac
    /usr/bin/time -f '%e %M' -o "$dir/time.out" "$kh" "${args[@]}" >/dev/null 2>&1 || true
    out=$(tail -1 "$dir/time.out")
    mb=$(( ${out#* } / 1024 ))
    [ "$mb" -gt "$worst" ] && worst=$mb
    printf '%-40s %7.2f s   peak RSS %5d MB\n' "$label" "${out% *}" "$mb"
  done
  rm -rf "$cache"
  if [ "$worst" -gt "$limit" ]; then echo "peak RSS $worst MB is over the limit of $limit MB" >&2; exit 1; fi
  echo "peak RSS at most $worst MB: under the limit of $limit MB"
  exit 0
fi
# A pull request on a fresh clone (what CI has: no .kh/ cache): one customer changed in the last
# commit; kh validate --changed-since HEAD~1 against a full run, side by side, run by run.
pull_request() {
  local clone="$dir/pr-$customers-$seed"
  if [ ! -f "$clone/.generated" ]; then
    rm -rf "$clone"; cp -r "$archive" "$clone"; rm -rf "$clone/.kh" "$clone/.generated"
    git -C "$clone" init -q && git -C "$clone" add -A && git -C "$clone" -c user.name=bench -c user.email=bench@example.com commit -qm base
    local one
    one="$(find "$clone/客户档案" -name 基本信息.yaml | sort | sed -n 7p)"
    sed -i 's/^最后更新时间: .*/最后更新时间: 2026-01-02/' "$one"
    git -C "$clone" -c user.name=bench -c user.email=bench@example.com commit -qam "one customer changed"
    touch "$clone/.generated"
  fi
  timed "PR: kh validate --no-cache (full)" sh -c "rm -rf '$clone/.kh'; '$kh' validate --no-cache --quiet '$clone'"
  timed "PR: --changed-since HEAD~1, fresh clone" sh -c "rm -rf '$clone/.kh'; '$kh' validate --quiet --changed-since HEAD~1 '$clone'"
  local full since
  full=$(grep -F "PR: kh validate --no-cache" "$dir/bench.log" | tail -1 | awk '{print $(NF-5)}')
  since=$(grep -F "PR: --changed-since" "$dir/bench.log" | tail -1 | awk '{print $(NF-5)}')
  python3 -c "import sys; f,s=float(sys.argv[1]),float(sys.argv[2]); print('PR: --changed-since / full (median) = %.2f (target at most 0.25)' % (s/f if f else 0))" "$full" "$since"
}
if [ "${MODE:-}" = pr ]; then
  [ -x "$kh" ] || { echo "no kh binary at $kh" >&2; exit 1; }
  pull_request
  exit 0
fi
"$dir/baseline" "$archive" >/dev/null  # warm the page cache
timed "baseline (walk + libyaml, 1 thread)" "$dir/baseline" "$archive"
if [ -x "$kh" ]; then
  set +e; "$kh" validate --no-cache --format json --quiet "$archive" >/dev/null; status=$?; set -e
  if [ "$status" -ge 2 ]; then echo "kh validate failed with status $status" >&2; exit 1; fi
  # Every file read and checked (no result cache): the work index and catalogue compare with.
  timed "kh validate --no-cache --format json" "$kh" validate --no-cache --format json --quiet "$archive"
  timed "kh validate --no-cache (human)" "$kh" validate --no-cache --quiet "$archive"
  timed "kh index (json)" "$kh" index "$archive"
  timed "kh index --format sqlite" "$kh" index --format sqlite -o "$dir/index.sqlite" "$archive"
  timed "kh catalogue (md)" "$kh" catalogue "$archive"
  timed "kh catalogue --format html" "$kh" catalogue --format html "$archive"
  timed "kh review --as-of 2025-06-30" "$kh" review --as-of 2025-06-30 "$archive"
  timed "kh report --format html" "$kh" report --format html --as-of 2025-06-30 "$archive"
  # The result cache and --changed-since, on a git copy of the archive (made once).
  repo="$dir/git-$customers-$seed"
  if [ ! -f "$repo/.generated" ]; then
    rm -rf "$repo"; cp -r "$archive" "$repo"; rm -rf "$repo/.kh"
    git -C "$repo" init -q && git -C "$repo" add -A && git -C "$repo" -c user.name=bench -c user.email=bench@example.com commit -qm bench
    touch "$repo/.generated"
  fi
  git -C "$repo" checkout -q -- . && rm -rf "$repo/.kh"
  timed "kh validate, cold cache" sh -c "rm -rf '$repo/.kh'; '$kh' validate --quiet '$repo'"
  "$kh" validate --quiet "$repo" >/dev/null 2>&1 || true; sleep 3; "$kh" validate --quiet "$repo" >/dev/null 2>&1 || true
  timed "kh validate, nothing changed" "$kh" validate --quiet "$repo"
  one="$(find "$repo/客户档案" -name 基本信息.yaml | sort | sed -n 5p)"
  sed -i 's/^最后更新时间: .*/最后更新时间: 2026-01-01/' "$one"
  timed "kh validate, one customer edited" "$kh" validate --quiet "$repo"
  timed "kh validate --changed-since HEAD" "$kh" validate --quiet --changed-since HEAD "$repo"
  git -C "$repo" checkout -q -- .
  pull_request
  { "$kh" validate --no-cache --format json "$archive" || true; } | python3 -c 'import json,sys; s=json.load(sys.stdin)["summary"]; print("kh found: %(errors)d errors, %(warnings)d warnings in %(customers)d customers, %(documents)d documents" % s)'
else
  echo "no kh binary at $kh: run make release (or make bench)" >&2
fi
