#!/bin/sh
# Tests install.sh against a release folder (what `make dist` writes):
#   scripts/test-install.sh dist        the real release files
#   scripts/test-install.sh --fake      a fake release made here (kh is a shell script)
# Installs from file://DIST into temporary folders only. Last line: "N passed, N failed".

set -u
root=$(cd "$(dirname "$0")/.." && pwd)
installer="$root/install.sh"
work=$(mktemp -d 2>/dev/null || mktemp -d -t kh-test-install)
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' HUP TERM
passed=0
failed=0

pass() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; [ ! -s "$work/err" ] || sed 's/^/     | /' "$work/err"; }
check() { if [ "$2" = 0 ]; then pass "$1"; else fail "$1"; fi; }
sha() { if command -v sha256sum >/dev/null 2>&1; then sha256sum "$@"; else shasum -a 256 "$@"; fi; }

# A release folder like make dist's, for one version, with a kh that prints it.
make_fake() {
    mkdir -p "$1"
    for p in linux-x86_64 linux-aarch64 macos-universal; do
        d="$work/fake/kh-9.8.7-$p"
        mkdir -p "$d/completions"
        printf '#!/bin/sh\necho 9.8.7\n' > "$d/kh"
        printf '#!/bin/sh\necho serve\n' > "$d/kh-serve"
        chmod 755 "$d/kh" "$d/kh-serve"
        for f in kh.1 completions/kh.bash completions/_kh completions/kh.fish LICENSE NOTICE README.md; do echo "$f" > "$d/$f"; done
        tar -czf "$1/kh-9.8.7-$p.tar.gz" -C "$work/fake" "kh-9.8.7-$p"
    done
    echo deb > "$1/kh_9.8.7_amd64.deb"
    cp "$installer" "$1/install.sh"
    (cd "$1" && sha -- * > SHA256SUMS)
}

# install [VAR=VALUE...]: runs install.sh from the repository into $work/bin with ENV; output in $work/out, $work/err.
install() {
    env KH_BASE_URL="file://$dist" KH_INSTALL_DIR="$work/bin" "$@" sh "$installer" > "$work/out" 2> "$work/err"
}

# refused NAME MESSAGE [VAR=VALUE...]: install.sh must fail with MESSAGE on stderr, leaving the install folder as it was.
refused() {
    name=$1 message=$2
    shift 2
    rm -rf "${work:?}/bin" && mkdir -p "$work/bin" && echo "old kh" > "$work/bin/kh"
    if install "$@"; then
        fail "$name: install.sh succeeded"
    elif ! grep -q "$message" "$work/err"; then
        fail "$name: no '$message' on stderr"
    elif [ "$(cat "$work/bin/kh")" != "old kh" ] || [ "$(ls -A "$work/bin")" != kh ]; then
        fail "$name: the install folder changed"
    else
        pass "$name ($(cat "$work/err"))"
    fi
}

case "${1:-}" in
    --fake) dist="$work/dist"; make_fake "$dist" ;;
    '' | -*) echo "usage: $0 DIST_DIR | --fake" >&2; exit 2 ;;
    *) dist=$(cd "$1" 2>/dev/null && pwd) || { echo "no folder $1" >&2; exit 2; } ;;
esac

# This machine's archive in the release, as install.sh names it.
case "$(uname -s)/$(uname -m)" in
    Linux/x86_64 | Linux/amd64) platform=linux-x86_64 ;;
    Linux/aarch64 | Linux/arm64) platform=linux-aarch64 ;;
    Darwin/*) platform=macos-universal ;;
    *) echo "no kh build for this machine" >&2; exit 2 ;;
esac
archive=$(cd "$dist" && ls kh-*-"$platform".tar.gz 2>/dev/null)
[ -n "$archive" ] || { echo "$dist holds no kh-*-$platform.tar.gz" >&2; exit 2; }
version=${archive#kh-}
version=${version%-"$platform".tar.gz}
echo "testing install.sh with kh $version ($platform) from $dist"

# The release folder: SHA256SUMS holds every other file, with its right checksum.
status=0
(cd "$dist" && sha -c SHA256SUMS > /dev/null 2> "$work/err") || status=1
for f in "$dist"/*; do
    f=${f##*/}
    [ "$f" = SHA256SUMS ] || [ ! -f "$dist/$f" ] || awk -v f="$f" '$2 == f || $2 == "*" f {found = 1} END {exit !found}' "$dist/SHA256SUMS" ||
        { echo "$f is not in SHA256SUMS" >> "$work/err"; status=1; }
done
check "SHA256SUMS lists every file with its checksum" $status
if [ -f "$dist/install.sh" ]; then
    # make dist writes where the release is published into its KH_PUBLISHED line alone.
    sed 's|^KH_PUBLISHED=.*|KH_PUBLISHED=|' "$dist/install.sh" | cmp -s - "$installer"
    check "dist/install.sh is the repository's install.sh (but for where it is published)" $?
fi
members=$(tar -tzf "$dist/$archive" | sed 's:/$::' | sort | tr '\n' ' ')
d="kh-$version-$platform"
expected="$d $d/LICENSE $d/NOTICE $d/README.md $d/completions $d/completions/_kh $d/completions/kh.bash $d/completions/kh.fish $d/kh $d/kh-serve $d/kh.1 "
[ "$members" = "$(echo "$expected" | tr ' ' '\n' | sed '/^$/d' | sort | tr '\n' ' ')" ]
check "$archive holds $d/{kh,kh.1,kh-serve,completions/…,LICENSE,NOTICE,README.md}" $?

# A good install, latest then pinned (with and without v), and its --version.
rm -rf "${work:?}/bin"
install
status=$?
if [ $status = 0 ] && [ -x "$work/bin/kh" ] && grep -q "installed kh $version to $work/bin/kh" "$work/out"; then
    pass "latest install into a new folder"
else
    fail "latest install into a new folder (exit $status)"
fi
got=$("$work/bin/kh" --version 2> "$work/err")
case " $got " in *" $version "*) true ;; *) false ;; esac
check "installed kh --version names $version (got '$got')" $?
grep -q "not on your PATH" "$work/out"
check "a hint when the install folder is not on PATH" $?
install PATH="$work/bin:$PATH" && ! grep -q "not on your PATH" "$work/out"
check "no hint when it is" $?
install KH_VERSION="v$version" && grep -q "installed kh $version" "$work/out"
check "KH_VERSION=v$version reinstalls over the installed kh" $?
install KH_VERSION="$version" && [ "$(ls -A "$work/bin" | tr '\n' ' ')" = "kh kh-serve " ]
check "KH_VERSION=$version leaves only kh and kh-serve in the folder" $?
[ "$(KH_BASE_URL="file://$dist" sh "$installer" --print-version 2> "$work/err")" = "$version" ]
check "--print-version prints $version" $?

# The manual page and the completions go into the share folder beside the bin folder.
share=$work/share
for f in man/man1/kh.1:kh.1 bash-completion/completions/kh:completions/kh.bash zsh/site-functions/_kh:completions/_kh \
         fish/vendor_completions.d/kh.fish:completions/kh.fish; do
    tar -xzf "$dist/$archive" -O "kh-$version-$platform/${f#*:}" > "$work/want" 2> "$work/err" && cmp -s "$work/want" "$share/${f%%:*}"
    check "installs ${f#*:} as $share/${f%%:*}" $?
done
grep -q "installed the manual page (man kh) and the bash, zsh and fish completions under $share" "$work/out"
check "says where the manual page and completions went" $?
rm -rf "${work:?}/share" "${work:?}/other"
install KH_INSTALL_DIR="$work/other/kh" && [ -x "$work/other/kh/kh" ] && [ ! -e "$work/share" ] && ! grep -q "manual page" "$work/out"
check "an install folder not named bin gets no manual page (KH_SHARE_DIR not set)" $?
install KH_INSTALL_DIR="$work/other/kh" KH_SHARE_DIR="$work/other/share" && [ -f "$work/other/share/man/man1/kh.1" ]
check "KH_SHARE_DIR says where they go" $?
mkdir -p "$work/ro/bin" "$work/ro/share" && chmod 555 "$work/ro/share"
if [ "$(id -u)" != 0 ]; then
    install KH_INSTALL_DIR="$work/ro/bin" && [ -x "$work/ro/bin/kh" ] && grep -q "warning: could not write the manual page" "$work/out"
    check "a share folder that cannot be written is a warning, kh is installed" $?
fi
chmod 755 "$work/ro/share"

# Where the release is published: KH_REPOSITORY, else what make dist stamped; the source
# tree's install.sh knows none and says what to set.
KH_TEST_PUBLISHED=$(sed -n 's/^KH_PUBLISHED=//p' "$installer")
[ -z "$KH_TEST_PUBLISHED" ]
check "the source tree's install.sh names no place it is published in" $?
env -u KH_BASE_URL KH_INSTALL_DIR="$work/bin" sh "$installer" --print-version > "$work/out" 2> "$work/err"
[ $? = 1 ] && grep -q "does not know where kh is published: set KH_REPOSITORY=OWNER/NAME" "$work/err"
check "without KH_BASE_URL or KH_REPOSITORY the source tree's install.sh says what to set" $?
for bad in acme "acme/kh/x" "/kh" "acme/" 'acme/k h' 'a$b/kh'; do
    env -u KH_BASE_URL KH_REPOSITORY="$bad" sh "$installer" --print-version > "$work/out" 2> "$work/err"
    [ $? = 1 ] && grep -q "is not OWNER/NAME" "$work/err"
    check "KH_REPOSITORY='$bad' is refused" $?
done
# A stamped install.sh, and KH_REPOSITORY, name the release folder (seen in the failed download).
sed "s|^KH_PUBLISHED=\$|KH_PUBLISHED=file://$work/pub/acme/kh|" "$installer" > "$work/stamped.sh"
mkdir -p "$work/pub/acme/kh/releases/download/v$version"
cp "$dist"/* "$work/pub/acme/kh/releases/download/v$version/" 2> /dev/null
env -u KH_BASE_URL KH_VERSION="$version" KH_INSTALL_DIR="$work/pubbin" sh "$work/stamped.sh" > "$work/out" 2> "$work/err" && [ -x "$work/pubbin/kh" ]
check "a stamped install.sh downloads from where it was published" $?
env -u KH_BASE_URL KH_VERSION="$version" KH_REPOSITORY=acme/kh KH_SERVER="file://$work/pub" KH_INSTALL_DIR="$work/pubbin2" \
    sh "$installer" > "$work/out" 2> "$work/err" && [ -x "$work/pubbin2/kh" ]
check "KH_REPOSITORY and KH_SERVER name the releases of the source tree's install.sh" $?

# Refusals: nothing installed, the old kh kept, one clear line on stderr.
mkdir "$work/tampered"
cp "$dist"/* "$work/tampered/" 2> /dev/null
f="$work/tampered/$archive"
offset=$(($(wc -c < "$f") / 2))
byte=$(od -An -tu1 -j "$offset" -N1 "$f" | tr -d ' ')
# shellcheck disable=SC2059 # the format is the byte, in octal
printf "\\$(printf '%03o' $((byte ^ 1)))" | dd of="$f" bs=1 seek="$offset" conv=notrunc 2> /dev/null
refused "a tampered archive is refused" "checksum mismatch" KH_BASE_URL="file://$work/tampered"

mkdir "$work/unlisted"
cp "$dist"/* "$work/unlisted/" 2> /dev/null
grep -v "$archive" "$dist/SHA256SUMS" > "$work/unlisted/SHA256SUMS"
refused "an archive missing from SHA256SUMS is refused" "lists no kh" KH_BASE_URL="file://$work/unlisted"

mkdir "$work/missing"
cp "$dist/SHA256SUMS" "$work/missing/"
refused "a failed download is reported" "could not download" KH_BASE_URL="file://$work/missing"
refused "no release folder" "could not download" KH_BASE_URL="file://$work/nowhere"
refused "an unknown system is refused" "no kh build for FreeBSD" KH_TEST_UNAME_S=FreeBSD KH_TEST_UNAME_M=amd64
refused "an unknown Linux machine is refused" "no kh build for Linux riscv64" KH_TEST_UNAME_S=Linux KH_TEST_UNAME_M=riscv64
refused "KH_VERSION of a version not released" "lists no kh 99.0.0 archive" KH_VERSION=99.0.0
refused "KH_VERSION that is not a version" "is not a version" KH_VERSION="1.0; rm -rf /"

# Platform names: arm64 is aarch64 on Linux; any Mac gets the universal build. An empty
# SHA256SUMS makes install.sh name the archive it looked for.
mkdir "$work/empty"
: > "$work/empty/SHA256SUMS"
for case in Linux/arm64/linux-aarch64 Linux/aarch64/linux-aarch64 Linux/amd64/linux-x86_64 Darwin/x86_64/macos-universal Darwin/arm64/macos-universal; do
    s=${case%%/*} rest=${case#*/}
    m=${rest%%/*} p=${rest#*/}
    install KH_BASE_URL="file://$work/empty" KH_TEST_UNAME_S="$s" KH_TEST_UNAME_M="$m"
    grep -q "archive for $p\$" "$work/err"
    check "$s $m takes the $p archive" $?
done

# Without curl (file:// by cp) and without sha256sum (shasum), when this machine has shasum.
if command -v shasum > /dev/null 2>&1; then
    mkdir "$work/path"
    for tool in sh awk cat chmod cp dd env mkdir mktemp mv od rm sed shasum tar gzip tr uname; do
        ln -s "$(command -v "$tool")" "$work/path/$tool"
    done
    rm -rf "${work:?}/bin"
    install PATH="$work/path" && [ -x "$work/bin/kh" ]
    check "installs without curl and sha256sum (cp and shasum)" $?
    refused "the shasum check refuses a tampered archive" "checksum mismatch" PATH="$work/path" KH_BASE_URL="file://$work/tampered"
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
