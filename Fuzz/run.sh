#!/bin/sh
# Runs the fuzz targets: Fuzz/run.sh SECONDS [TARGET...]   (targets: yaml validate import)
#   FUZZ_PARALLEL=1  run the targets side by side instead of one after the other
#   FUZZ_SMOKE=1     stop at the first crash (CI's short run) instead of collecting them all
#   FUZZ_EMPTY=1     start from nothing: no seeds, a corpus of its own (Fuzz/corpus-empty/TARGET,
#                    emptied first), so the fuzzer finds its way without the fixtures' help
# Corpus (grows from run to run): Fuzz/corpus/TARGET; seeds: Fuzz/seeds/TARGET (made anew from
# the fixtures); inputs that crash, hang or exhaust memory: Fuzz/findings/TARGET; logs: Fuzz/logs.
# FUZZ_CONFIG=debug runs the debug build (make fuzz-smoke's) instead of the release one.
# Exits 1 when any target has findings. Replay one: KH_FUZZ_TARGET=TARGET Fuzz/.build/release/kh-fuzz FILE
set -u
cd "$(dirname "$0")"
seconds=${1:-60}
shift 2>/dev/null || true
targets=${*:-yaml validate import}
python3 seeds.py seeds >/dev/null || exit 2
mkdir -p logs
# Swift's own crash reporter and ASan's leak check at exit get in libFuzzer's way.
export SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1
suffix=; [ "${FUZZ_EMPTY:-0}" = 1 ] && suffix=-empty
run() {
    t=$1
    if [ "${FUZZ_EMPTY:-0}" = 1 ]; then
        rm -rf corpus-empty/$t; mkdir -p corpus-empty/$t; dirs="corpus-empty/$t"
    else
        mkdir -p corpus/$t; dirs="corpus/$t seeds/$t"
    fi
    mkdir -p findings/$t
    if [ "${FUZZ_SMOKE:-0}" = 1 ]; then mode="-seed=1"; else mode="-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1"; fi
    # -timeout: an input that takes 10 s counts as a hang; -rss_limit_mb: 2 GB as too much memory.
    KH_FUZZ_TARGET=$t .build/${FUZZ_CONFIG:-release}/kh-fuzz $mode -max_total_time=$seconds -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix=findings/$t/ $dirs > logs/$t$suffix.log 2>&1
    status=$?
    found=$(ls findings/$t | wc -l)
    stats=$(grep -E '^#[0-9]+' logs/$t$suffix.log | tail -1)
    echo "fuzz-$t: ${seconds}s, exit $status, $found finding(s) in Fuzz/findings/$t; last: $stats"
}
if [ "${FUZZ_PARALLEL:-0}" = 1 ]; then
    for t in $targets; do run $t & done
    wait
else
    for t in $targets; do run $t; done
fi
for t in $targets; do
    [ -z "$(ls findings/$t 2>/dev/null)" ] || { echo "findings: see Fuzz/findings and Fuzz/logs"; exit 1; }
done
