#!/bin/sh
# Tests .pre-commit-hooks.yaml the way an archive uses it: pre-commit builds kh from this
# repository (kh-validate-swift: swift build -c release in pre-commit's cache, minutes) and
# runs it on a copy of archive-template in a new git repository: the template passes, an
# impossible date fails. The kh-validate (system) hook is then run with the kh just built.
#   scripts/test-precommit.sh
# Like `pre-commit try-repo`, it uses this repository's HEAD, plus the uncommitted changes
# when there are some (committed in a throw-away clone; unlike try-repo, new files that git
# does not ignore are taken too). Unlike try-repo, the hooks are named in a config written
# here, so that one build serves every run. Last line: "N passed, N failed".

set -u
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d 2>/dev/null || mktemp -d -t kh-test-precommit)
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' HUP TERM
passed=0
failed=0

pass() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; [ ! -s "$work/out" ] || tail -n 30 "$work/out" | sed 's/^/     | /'; }
check() { if [ "$2" = 0 ]; then pass "$1"; else fail "$1"; fi; }
git() { command git -c user.name=kh-test -c user.email=kh-test@example.com -c commit.gpgsign=false "$@"; }

if command -v pre-commit > /dev/null 2>&1; then
    precommit=pre-commit
else
    { python3 -m pip install --quiet pre-commit || python3 -m pip install --quiet --user pre-commit; } || { echo "could not install pre-commit from PyPI" >&2; exit 2; }
    precommit="python3 -m pre_commit"
fi
export PRE_COMMIT_HOME="$work/pre-commit-cache"

# The revision to test: HEAD, or HEAD plus the work tree's changes (new files that git does
# not ignore included) committed in a throw-away clone.
repo=$root
rev=$(git -C "$root" rev-parse HEAD) || exit 2
if [ -n "$(git -C "$root" status --porcelain)" ]; then
    echo "uncommitted changes: testing them in a temporary commit"
    repo="$work/kh"
    git clone -q "$root" "$repo" && git -C "$repo" checkout -q "$rev" &&
        git -C "$root" diff --binary --no-ext-diff --no-color HEAD -- | git -C "$repo" apply --index &&
        git -C "$root" ls-files -z --others --exclude-standard | (cd "$root" && tar --null -T - -cf -) | tar -xf - -C "$repo" &&
        git -C "$repo" add -A && git -C "$repo" commit -q -m "uncommitted changes" || exit 2
    rev=$(git -C "$repo" rev-parse HEAD)
fi

$precommit validate-manifest "$root/.pre-commit-hooks.yaml" > "$work/out" 2>&1
check "pre-commit validate-manifest .pre-commit-hooks.yaml" $?
$precommit validate-config "$root/archive-template/.pre-commit-config.yaml" > "$work/out" 2>&1
check "pre-commit validate-config archive-template/.pre-commit-config.yaml" $?

archive="$work/档案库"
cp -R "$root/archive-template" "$archive" && rm -rf "$archive/.kh"
git -C "$archive" init -q && git -C "$archive" add -A && git -C "$archive" commit -q -m 档案库 || exit 2
cat > "$work/config.yaml" << EOF
repos:
  - repo: $repo
    rev: $rev
    hooks:
      - id: kh-validate-swift
EOF

echo "building kh with pre-commit (swift build -c release): this takes minutes"
start=$(date +%s)
(cd "$archive" && $precommit run --config "$work/config.yaml" --all-files > "$work/out" 2>&1)
status=$?
echo "     (build and first run: $(($(date +%s) - start)) s)"
[ $status = 0 ] && grep -q "kh validate.*Passed" "$work/out"
check "kh-validate-swift passes on archive-template" $?

basic="$archive/客户档案/KH-2024-003_刘洋/01-客户基本信息/基本信息.yaml"
sed 's/^首次接触时间: 2024-07-02$/首次接触时间: 2024-02-30/' "$basic" > "$work/basic" && mv "$work/basic" "$basic" &&
    git -C "$archive" add -A
(cd "$archive" && $precommit run --config "$work/config.yaml" --all-files > "$work/out" 2>&1)
status=$?
[ $status = 1 ] && grep -q "kh validate.*Failed" "$work/out" && grep -q "KH203 首次接触时间" "$work/out"
check "kh-validate-swift fails on 首次接触时间: 2024-02-30 (KH203)" $?

# The system hook, with the kh pre-commit built on the PATH.
kh=$(find "$PRE_COMMIT_HOME" -path '*/swift_env-*/.build/*/release/kh' -type f | head -n 1)
if [ -n "$kh" ]; then
    sed 's/kh-validate-swift/kh-validate/' "$work/config.yaml" > "$work/system.yaml"
    (cd "$archive" && PATH="$(dirname "$kh"):$PATH" $precommit run --config "$work/system.yaml" --all-files > "$work/out" 2>&1)
    status=$?
    [ $status = 1 ] && grep -q "KH203 首次接触时间" "$work/out"
    check "kh-validate (system) fails on it too" $?
else
    : > "$work/out"
    fail "no kh built by pre-commit in $PRE_COMMIT_HOME"
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
