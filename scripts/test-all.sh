#!/usr/bin/env bash
# Every test of kh, in tracks that run side by side (make test runs it after setup and the
# style check). Each track is a chain of steps that need what the one before built:
#
#   swift      the debug build, the unit tests (KHUnitTests) and the end-to-end tests
#              (KHEndToEndTests) in parallel processes, then the pull-request property test
#   release    make dist (the one release build: the static kh and kh-serve), then everything
#              that tests what people install with it: test-dist, the README tour,
#              install.sh, the CI files' schemas and kh serve in Chromium
#   fuzz       the fuzzer's build and 20 seconds of each target
#   precommit  the pre-commit hooks through pre-commit itself (it builds kh on its own)
#
#   scripts/test-all.sh                 every track
#   scripts/test-all.sh swift fuzz      some of them
#
# Each track writes .build/test-logs/TRACK.log; this prints when a step starts and ends,
# and the end of the log of each track that failed. Exit 0 when every track passed.
set -u
cd "$(dirname "$0")/.."
root=$(pwd)
logs=$root/.build/test-logs
mkdir -p "$logs"
make=${MAKE:-make}
swift=${SWIFT:-swift}
check_imports="--explicit-target-dependency-import-check error"
published=${TEST_PUBLISHED:-kh-example/kh}
start=$(date +%s)

stamp() { printf '[%4ds] %s\n' "$(($(date +%s) - start))" "$*"; }

# step TRACK NAME COMMAND...: runs a step of a track, its output to the track's log.
step() {
    local track=$1 name=$2
    shift 2
    local t0
    t0=$(date +%s)
    stamp "$track: $name"
    printf '\n==> %s\n' "$name" >> "$logs/$track.log"
    # The step's processor time (user + system, its children included) beside its wall time:
    # the tracks share the cores, so the sum of these is what make test costs.
    local cpu=$logs/$track.cpu status=0
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -o "$cpu" -f '%U %S' "$@" >> "$logs/$track.log" 2>&1 || status=$?
    else
        "$@" >> "$logs/$track.log" 2>&1 || status=$?
        echo "0 0" > "$cpu"
    fi
    local seconds=$(($(date +%s) - t0)) used
    used=$(tail -n 1 "$cpu" | awk '{ printf "%d", $1 + $2 }')
    if [ "$status" = 0 ]; then
        stamp "$track: $name passed ($seconds s; processor $used s)"
    else
        stamp "$track: $name FAILED ($seconds s; processor $used s; $logs/$track.log)"
        return 1
    fi
}

track_swift() {
    step swift "debug build" $swift build --build-tests $check_imports &&
        step swift "unit tests (KHUnitTests)" $make --no-print-directory test-unit &&
        step swift "end-to-end tests (KHEndToEndTests)" $make --no-print-directory test-e2e &&
        step swift "pull requests against full runs (test-pr-mode)" python3 scripts/test-pr-mode.py .build/debug/kh
}

track_release() {
    step release "make dist" env KH_REPOSITORY="$published" KH_DEB_XZ_LEVEL=1 $make --no-print-directory dist &&
        step release "test-dist" env KH_REPOSITORY="$published" scripts/test-dist.sh dist &&
        step release "the README tour (test-tour)" $make --no-print-directory test-tour &&
        step release "install.sh (test-install)" scripts/test-install.sh dist &&
        step release "CI files against their schemas" scripts/check-schemas.sh &&
        step release "kh serve in Chromium (test-browser)" $make --no-print-directory test-browser &&
        step release "team mode as a server (test-team-server)" $make --no-print-directory test-team-server
}

# The release track is the longest chain: the fuzzer's and pre-commit's builds yield the
# processor to it (nice), so that it ends as early as the work of the others allows.
track_fuzz() {
    step fuzz "fuzz smoke (debug build, then 20 s a target)" nice -n 10 $make --no-print-directory fuzz-smoke
}

track_precommit() {
    step precommit "pre-commit hooks (test-precommit)" nice -n 10 scripts/test-precommit.sh
}

tracks=("$@")
[ ${#tracks[@]} -gt 0 ] || tracks=(release swift fuzz precommit)
pids=()
for t in "${tracks[@]}"; do
    case $t in swift | release | fuzz | precommit) ;; *) echo "unknown track: $t (swift, release, fuzz, precommit)" >&2; exit 2 ;; esac
    : > "$logs/$t.log"
    "track_$t" &
    pids+=($!)
done
trap 'kill "${pids[@]}" 2>/dev/null; exit 130' INT TERM

failed=()
for i in "${!tracks[@]}"; do
    wait "${pids[$i]}" || failed+=("${tracks[$i]}")
done
stamp "done: ${#tracks[@]} track(s), ${#failed[@]} failed"
for t in "${failed[@]}"; do
    echo
    echo "---- $t: the end of $logs/$t.log ----"
    tail -n 80 "$logs/$t.log"
done
[ ${#failed[@]} = 0 ]
