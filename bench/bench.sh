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
# make bench-serve: kh serve on the archive, measured from other processes: start-up (launch to
# the URL on stdout, and to the first page answered), memory, and wrk's latency for a search of
# the list and a customer page, served warm, one connection at a time.
serve_bench() {
  command -v wrk >/dev/null 2>&1 || { echo "wrk is missing (Debian package 'wrk')" >&2; exit 1; }
  command -v curl >/dev/null 2>&1 || { echo "curl is missing" >&2; exit 1; }
  local out="$dir/serve.out" err="$dir/serve.err" start pid url first
  rm -rf "$archive/.kh"
  for pass in "cold cache" "warm cache"; do
    start=$(date +%s.%N)
    "$kh" serve --port 0 "$archive" >"$out" 2>"$err" &
    pid=$!
    url=""
    while [ -z "$url" ]; do
      kill -0 "$pid" 2>/dev/null || { echo "kh serve stopped: $(cat "$err")" >&2; exit 1; }
      url=$(head -1 "$out" 2>/dev/null); [ -n "$url" ] || sleep 0.05
    done
    local listening; listening=$(python3 -c "import sys; print('%.2f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$start" "$(date +%s.%N)")
    curl -s -o /dev/null "$url"
    first=$(python3 -c "import sys; print('%.2f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$start" "$(date +%s.%N)")
    # kh serve execs kh-serve: the pid is the server's.
    printf 'kh serve start-up (%s): listening after %s s, first page after %s s, RSS %d MB\n' "$pass" "$listening" "$first" \
      "$(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 ))" | tee -a "$dir/bench.log"
    [ "$pass" = "warm cache" ] || { kill "$pid"; wait "$pid" 2>/dev/null || true; }
  done
  # My week first: kh review over the whole archive, which kh serve computes in the background
  # after start-up; the requests below are timed once it is done (served warm).
  local member week1 week2
  member=$(python3 -c 'import re,sys,urllib.parse; t=open(sys.argv[1],encoding="utf-8").read(); print(urllib.parse.quote(re.search(r"姓名: *([^,}\s]+)", t.split("团队",1)[1]).group(1)))' "$archive/kh.yaml")
  week1=$(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: kh_member=$member" "$url")
  week2=$(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: kh_member=$member" "$url")
  printf 'GET / (my week): first %.2f s, then %.3f s\n' "$week1" "$week2" | tee -a "$dir/bench.log"
  local number q
  number=$(find "$archive/客户档案" -maxdepth 1 -name 'KH-*' | sort | sed -n 1000p | sed 's|.*/||; s|_.*||')
  q=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("zh"))')
  wrk_median() { # label path: median and 99th percentile of one connection's requests for 10 s
    curl -s -o /dev/null "$url${2#/}"; curl -s -o /dev/null "$url${2#/}"
    local report; report=$(wrk -t1 -c1 -d10s --latency "$url${2#/}")
    printf '%-44s median %8s   p99 %8s   %s requests/s\n' "$1" "$(echo "$report" | awk '$1=="50%" {print $2}')" \
      "$(echo "$report" | awk '$1=="99%" {print $2}')" "$(echo "$report" | awk '/Requests\/sec/ {print $2}')" | tee -a "$dir/bench.log"
  }
  wrk_median "GET /customers?q=zh (search, 50 a page)" "/customers?q=$q"
  wrk_median "GET /customers?q=$number (by number)" "/customers?q=$number"
  wrk_median "GET /customers/$number" "/customers/$number"
  wrk_median "GET /customers/$number.json" "/customers/$number.json"
  wrk_median "GET /customers.json?q=zh" "/customers.json?q=$q"
  printf 'kh serve after the requests: RSS %d MB, peak %d MB\n' "$(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 ))" \
    "$(( $(awk '/VmHWM/ {print $2}' /proc/$pid/status) / 1024 ))" | tee -a "$dir/bench.log"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
if [ "${MODE:-}" = serve ]; then
  [ -x "$kh" ] || { echo "no kh binary at $kh" >&2; exit 1; }
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
  serve_bench
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
