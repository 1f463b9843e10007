#!/bin/sh
# Tests what `make dist` made (run by make test): the archive's contents, SHA256SUMS, that the
# binary links only the C runtime (ldd) and runs with no toolchain in reach (env -i, no
# RUNPATH): --version, init, validate; the .deb's contents. Usage: scripts/test-dist.sh [DIST]
# With KH_REPOSITORY=OWNER/NAME (what make dist was stamped with; the release workflow sets it):
# no file of the release names a placeholder, and kh init writes a workflow that uses OWNER/NAME.
set -u
cd "$(dirname "$0")/.."
dist=$(cd "${1:-dist}" && pwd)
version=$(tr -d ' \n' < VERSION)
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; }
check() { label=$1; shift; if "$@" >/dev/null 2>&1; then ok "$label"; else fail "$label"; fi; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

case "$(uname -s)" in Linux) os=linux ;; Darwin) os=macos ;; *) echo "no dist test for $(uname -s)"; exit 2 ;; esac
arch=$(uname -m); [ "$arch" = arm64 ] && arch=aarch64; [ "$os" = macos ] && arch=universal
name=kh-$version-$os-$arch
tarball=$dist/$name.tar.gz

check "the archive $name.tar.gz exists" test -f "$tarball"
check "SHA256SUMS lists every file in dist/ and they match" sh -c "cd '$dist' && sha256sum -c --strict SHA256SUMS && [ \$(ls | grep -vc '^SHA256SUMS\$') -eq \$(wc -l < SHA256SUMS) ]"
expected="$name/
$name/LICENSE
$name/NOTICE
$name/README.md
$name/completions/
$name/completions/_kh
$name/completions/kh.bash
$name/completions/kh.fish
$name/kh
$name/kh-serve
$name/kh.1"
listed=$(tar -tzf "$tarball" | sort)
if [ "$listed" = "$expected" ]; then ok "the archive holds kh, kh-serve, kh.1, the completions, LICENSE, NOTICE and README.md"; else fail "archive contents: $listed"; fi
tar -C "$tmp" -xzf "$tarball"
kh=$tmp/$name/kh
[ -x "$kh" ] || { fail "no kh in the archive"; echo "$passed passed, $failed failed"; exit 1; }

if [ "$os" = linux ]; then
    # Only the C runtime: libc, libm, libstdc++, libgcc_s, the loader (and the vDSO).
    libs=$(ldd "$kh") || fail "ldd could not read the binary"
    others=$(printf '%s\n' "$libs" | grep -vE '^\s*(linux-vdso\.so\.1|linux-gate\.so\.1|/lib.*/ld-linux[-a-z0-9_.]*\.so\.[0-9]+|(libc|libm|libstdc\+\+|libgcc_s|ld-linux[-a-z0-9_]*)\.so\.[0-9]+ => .*)' || true)
    if [ -z "$others" ]; then ok "ldd lists only the C runtime"; else fail "ldd lists more than the C runtime: $others"; fi
    others=$(ldd "$tmp/$name/kh-serve" | grep -vE '^\s*(linux-vdso\.so\.1|linux-gate\.so\.1|/lib.*/ld-linux[-a-z0-9_.]*\.so\.[0-9]+|(libc|libm|libstdc\+\+|libgcc_s|ld-linux[-a-z0-9_]*)\.so\.[0-9]+ => .*)' || true)
    if [ -z "$others" ]; then ok "kh-serve: ldd lists only the C runtime"; else fail "kh-serve: ldd lists more than the C runtime: $others"; fi
    # SwiftPM adds $ORIGIN (the binary's own folder); no path into a toolchain.
    paths=$(readelf -d "$kh" 2>/dev/null | grep -E 'RPATH|RUNPATH' | grep -v 'path: \[\$ORIGIN\]$' || true)
    if ! readelf -d "$kh" >/dev/null 2>&1 || [ -n "$paths" ]; then fail "the binary looks for libraries in: $paths"; else ok "no RPATH/RUNPATH but \$ORIGIN"; fi
    if file "$kh" | grep -q 'not stripped'; then fail "the binary is not stripped"; else ok "the binary is stripped"; fi
fi

out=$(env -i "$kh" --version 2>&1)
case "$out" in "$version (commit "*")") ok "env -i kh --version: $out" ;; *) fail "env -i kh --version printed: $out" ;; esac
if env -i "$kh" init "$tmp/档案库" >"$tmp/init.out" 2>&1; then ok "env -i kh init"; else fail "env -i kh init: $(cat "$tmp/init.out")"; fi
if env -i KH_NO_CACHE=1 "$kh" validate "$tmp/档案库" >"$tmp/validate.out" 2>&1; then ok "env -i kh validate (a new archive passes)"; else fail "env -i kh validate: $(tail -3 "$tmp/validate.out")"; fi
sed -i.bak 's/^客户阶段: .*/客户阶段: 意愿/' "$(find "$tmp/档案库/客户档案" -name 基本信息.yaml | sort | head -1)"
env -i KH_NO_CACHE=1 "$kh" validate --lang en "$tmp/档案库" >"$tmp/validate.out" 2>&1
status=$?
if [ "$status" = 1 ] && grep -q "KH204" "$tmp/validate.out"; then ok "env -i kh validate finds a broken value (exit 1, KH204)"; else fail "env -i kh validate on a broken archive: exit $status"; fi
# kh serve is in the release: its first line on stdout is the URL (port 0: a free one).
env -i "$kh" serve --port 0 "$tmp/档案库" >"$tmp/serve.out" 2>"$tmp/serve.err" &
serve=$!
url=""
for _ in $(seq 1 100); do url=$(head -1 "$tmp/serve.out" 2>/dev/null); [ -n "$url" ] && break; sleep 0.1; done
case "$url" in http://127.0.0.1:[0-9]*/) ok "kh serve --port 0 prints its URL first ($url)" ;; *) fail "kh serve printed '$url' ($(cat "$tmp/serve.err"))" ;; esac
page=$(curl -s -w '\n%{http_code}' "$url" 2>/dev/null || true)
case "$page" in *"你是哪位"*200) ok "kh serve answers with the start page" ;; *) fail "kh serve answered: $(printf '%s' "$page" | tail -c 300)" ;; esac
host=$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: evil.example' "$url" 2>/dev/null || true)
if [ "$host" = 421 ]; then ok "kh serve refuses a foreign Host (421)"; else fail "kh serve answered a foreign Host with $host"; fi
kill "$serve" 2>/dev/null; wait "$serve" 2>/dev/null
check "kh.1 is a man page" grep -q '^\.TH KH 1 ' "$tmp/$name/kh.1"
check "bash completion" grep -q 'complete' "$tmp/$name/completions/kh.bash"
check "zsh completion" grep -q '#compdef kh' "$tmp/$name/completions/_kh"
check "fish completion" grep -q "complete -c 'kh'" "$tmp/$name/completions/kh.fish"

if [ "$os" = linux ]; then
    debarch=$(dpkg --print-architecture 2>/dev/null || echo amd64)
    deb=$dist/kh_${version}_$debarch.deb
    check "the .deb exists" test -f "$deb"
    contents=$(dpkg-deb -c "$deb" 2>/dev/null | awk '{print $NF}' | grep -v '/$' | sort)
    want="./usr/bin/kh
./usr/bin/kh-serve
./usr/share/bash-completion/completions/kh
./usr/share/doc/kh/copyright
./usr/share/fish/vendor_completions.d/kh.fish
./usr/share/man/man1/kh.1.gz
./usr/share/zsh/vendor-completions/_kh"
    if [ "$contents" = "$want" ]; then ok "the .deb installs kh, kh-serve, the man page and the completions"; else fail ".deb contents: $contents"; fi
    check ".deb control: package kh, version $version" sh -c "dpkg-deb -f '$deb' Package Version | tr '\n' ' ' | grep -q 'Package: kh Version: $version'"
    mkdir -p "$tmp/deb" && dpkg-deb -x "$deb" "$tmp/deb"
    out=$(env -i "$tmp/deb/usr/bin/kh" --version 2>&1)
    case "$out" in "$version (commit "*")") ok "the .deb's kh runs" ;; *) fail "the .deb's kh printed: $out" ;; esac
    check "the .deb's copyright file holds LICENSE and NOTICE" sh -c "grep -q 'MIT License' '$tmp/deb/usr/share/doc/kh/copyright' && grep -q 'CC BY-SA 4.0' '$tmp/deb/usr/share/doc/kh/copyright'"
fi

# Where the release is published: stamped in, no placeholder anywhere (issue 23).
if [ -n "${KH_REPOSITORY:-}" ]; then
    server=${KH_SERVER:-https://github.com}
    out=$(env -i "$kh" --version 2>&1)
    case "$out" in *", published at $server/$KH_REPOSITORY)") ok "kh --version names where it is published" ;; *) fail "kh --version: $out" ;; esac
    mkdir -p "$tmp/all" && cp -R "$tmp/$name" "$tmp/all/" && cp "$dist/install.sh" "$tmp/all/"
    [ -d "$tmp/deb" ] && cp -R "$tmp/deb" "$tmp/all/deb" && dpkg-deb -f "$dist/kh_${version}_$debarch.deb" > "$tmp/all/deb-control"
    found=$(grep -rlaF 'your-org' "$tmp/all" || true)
    if [ -z "$found" ]; then ok "no released file says your-org (binaries included)"; else fail "your-org in: $found"; fi
    found=$(grep -rlIF '__OWNER__' "$tmp/all" || true)
    if [ -z "$found" ]; then ok "no released text file names the placeholder __OWNER__"; else fail "__OWNER__ in: $found"; fi
    check "install.sh downloads from $server/$KH_REPOSITORY" grep -qx "KH_PUBLISHED=$server/$KH_REPOSITORY" "$dist/install.sh"
    rm -rf "$tmp/stamped"
    env -i "$kh" init "$tmp/stamped" >"$tmp/init.out" 2>&1
    if [ -s "$tmp/init.out" ] && ! grep -q '__OWNER__' "$tmp/init.out"; then ok "kh init says nothing of a placeholder"; else fail "kh init: $(cat "$tmp/init.out")"; fi
    found=$(grep -rlF -e '__OWNER__' -e 'your-org' "$tmp/stamped" || true)
    if [ -z "$found" ]; then ok "kh init writes no placeholder"; else fail "kh init left a placeholder in: $found"; fi
    check "kh init's workflow uses $KH_REPOSITORY@v${version%%.*}, pinned to $version" sh -c \
        "grep -c 'uses: $KH_REPOSITORY@v${version%%.*}\$' '$tmp/stamped/.github/workflows/kh-validate.yml' | grep -qx 2 && grep -c 'version: $version\$' '$tmp/stamped/.github/workflows/kh-validate.yml' | grep -qx 2"
    check "kh init's GitLab pipeline installs $version from $server/$KH_REPOSITORY" sh -c \
        "grep -qF 'KH_BASE_URL: $server/$KH_REPOSITORY/releases/download/v\$KH_VERSION' '$tmp/stamped/.gitlab-ci.yml' && grep -qF 'KH_VERSION: \"$version\"' '$tmp/stamped/.gitlab-ci.yml'"
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
