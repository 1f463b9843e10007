#!/bin/sh
# kh installer: downloads a kh release for this machine, checks its SHA-256 against the
# release's SHA256SUMS and installs kh and kh-serve, the manual page and the shell completions.
#
#   curl -fsSL <kh's releases>/latest/download/install.sh | sh
#   sh install.sh [--print-version]
#
# (<kh's releases> is https://github.com/OWNER/NAME/releases of the repository kh is published
# in: the install.sh of a release knows it.)
#
# Environment:
#   KH_VERSION      the version to install: 1.2.0 or v1.2.0 (default: latest)
#   KH_INSTALL_DIR  where kh goes (default: $HOME/.local/bin)
#   KH_SHARE_DIR    where the manual page and completions go (default: the share folder beside
#                   KH_INSTALL_DIR when it ends in /bin, e.g. ~/.local/share; else none)
#   KH_BASE_URL     the folder holding the release files: a mirror, or file:///path/to/dist
#                   (default: the GitHub release of KH_VERSION, or the latest release)
#   KH_REPOSITORY   OWNER/NAME of the GitHub repository kh is published in, on KH_SERVER
#                   (default https://github.com); a release's install.sh knows its own
# --print-version prints the version that would be installed and installs nothing.
# Test hooks (scripts/test-install.sh): KH_TEST_UNAME_S and KH_TEST_UNAME_M stand for
# `uname -s` and `uname -m`.
#
# Everything is in functions called on the last line, so a download cut short runs nothing.

set -eu

# Where kh is published: written by make dist (KH_REPOSITORY of the release workflow); empty in
# the source tree, where KH_REPOSITORY or KH_BASE_URL must say it.
KH_PUBLISHED=

say() { printf 'kh-install: %s\n' "$*"; }
die() { printf 'kh-install: error: %s\n' "$*" >&2; exit 1; }
has() { command -v "$1" >/dev/null 2>&1; }

usage() {
    cat <<'EOF'
Installs kh from a release: sh install.sh [--print-version]
  KH_VERSION       version to install, 1.2.0 or v1.2.0 (default: latest)
  KH_INSTALL_DIR   where kh goes (default: $HOME/.local/bin)
  KH_SHARE_DIR     where the manual page and completions go (default: beside KH_INSTALL_DIR)
  KH_BASE_URL      folder of the release files: a mirror or file:///path/to/dist
  KH_REPOSITORY    OWNER/NAME of the GitHub repository kh is published in
  --print-version  print the version that would be installed; install nothing
EOF
}

# download URL FILE
download() {
    if has curl; then
        curl -fsSL --retry 2 -o "$2" "$1" 2>/dev/null
    elif [ "${1#file://}" != "$1" ]; then
        cp "${1#file://}" "$2" 2>/dev/null
    elif has wget; then
        wget -q -O "$2" "$1"
    else
        die "curl or wget is needed to download kh"
    fi
}

# sha256 FILE: the file's SHA-256 in lower-case hex.
sha256() {
    if has sha256sum; then
        sum=$(sha256sum "$1")
    elif has shasum; then
        sum=$(shasum -a 256 "$1")
    else
        die "sha256sum or shasum is needed to check the download"
    fi
    printf '%s\n' "${sum%% *}" | tr 'A-F' 'a-f'
}

# The release's name for this machine: linux-x86_64, linux-aarch64 or macos-universal.
platform() {
    os=${KH_TEST_UNAME_S:-$(uname -s)}
    arch=${KH_TEST_UNAME_M:-$(uname -m)}
    case "$os/$arch" in
        Linux/x86_64 | Linux/amd64) echo linux-x86_64 ;;
        Linux/aarch64 | Linux/arm64) echo linux-aarch64 ;;
        Darwin/*) echo macos-universal ;;
        *) die "no kh build for $os $arch (there are Linux x86_64 and aarch64, and macOS)" ;;
    esac
}

main() {
    print_only=
    for arg in "$@"; do
        case "$arg" in
            --print-version) print_only=1 ;;
            -h | --help) usage; exit 0 ;;
            *) die "unknown option $arg (try --help)" ;;
        esac
    done

    platform=$(platform)
    releases=
    if [ -n "${KH_REPOSITORY:-}" ]; then
        case "$KH_REPOSITORY" in
            */*/* | /* | */ | *[!0-9A-Za-z._/-]*) die "KH_REPOSITORY '$KH_REPOSITORY' is not OWNER/NAME" ;;
            */*) ;;
            *) die "KH_REPOSITORY '$KH_REPOSITORY' is not OWNER/NAME" ;;
        esac
        releases=${KH_SERVER:-https://github.com}/$KH_REPOSITORY/releases
    elif [ -n "$KH_PUBLISHED" ]; then
        releases=$KH_PUBLISHED/releases
    elif [ -z "${KH_BASE_URL:-}" ]; then
        die "this install.sh comes from kh's source tree and does not know where kh is published: set KH_REPOSITORY=OWNER/NAME (the GitHub repository kh is released in) or KH_BASE_URL"
    fi
    version=${KH_VERSION:-latest}
    version=${version#v}
    case "$version" in
        latest) version= ; base=${KH_BASE_URL:-$releases/latest/download} ;;
        '' | *[!0-9A-Za-z.+-]*) die "KH_VERSION '$KH_VERSION' is not a version (like 1.2.0)" ;;
        *) base=${KH_BASE_URL:-$releases/download/v$version} ;;
    esac
    base=${base%/}

    tmp=$(mktemp -d 2>/dev/null || mktemp -d -t kh-install)
    staged=
    trap 'rm -rf "$tmp"; [ -z "$staged" ] || rm -f "$staged"' EXIT
    trap 'exit 130' INT
    trap 'exit 143' HUP TERM

    download "$base/SHA256SUMS" "$tmp/SHA256SUMS" ||
        die "could not download $base/SHA256SUMS${version:+ (is $version a kh release?)}"

    # The archive's line in SHA256SUMS ("<hex>  <name>", or "<hex> *<name>").
    if [ -n "$version" ]; then
        line=$(awk -v f="kh-$version-$platform.tar.gz" '$2 == f || $2 == "*" f' "$tmp/SHA256SUMS")
    else
        line=$(awk -v p="$platform" '$2 ~ ("^[*]?kh-.+-" p "[.]tar[.]gz$")' "$tmp/SHA256SUMS")
    fi
    [ -n "$line" ] || die "SHA256SUMS at $base lists no kh${version:+ $version} archive for $platform"
    case "$line" in *"
"*) die "SHA256SUMS at $base lists several kh archives for $platform" ;; esac
    expected=$(printf '%s\n' "${line%% *}" | tr 'A-F' 'a-f')
    archive=${line##* }
    archive=${archive#\*}
    name=${archive%.tar.gz}
    version=${name#kh-}
    version=${version%-"$platform"}

    if [ -n "$print_only" ]; then
        echo "$version"
        return
    fi

    say "downloading kh $version ($platform)"
    download "$base/$archive" "$tmp/$archive" || die "could not download $base/$archive"
    actual=$(sha256 "$tmp/$archive")
    [ "$actual" = "$expected" ] ||
        die "checksum mismatch for $archive (expected $expected, got $actual): nothing installed"
    tar -xzf "$tmp/$archive" -C "$tmp" 2>/dev/null || die "$archive is not a readable .tar.gz"
    [ -f "$tmp/$name/kh" ] || die "$archive holds no $name/kh"

    dir=${KH_INSTALL_DIR:-${HOME:?HOME is not set: set KH_INSTALL_DIR}/.local/bin}
    mkdir -p "$dir" 2>/dev/null || die "cannot create $dir"
    # Copied beside the target, then renamed over it: kh is replaced whole or not at all.
    staged="$dir/.kh.install.$$"
    { cp "$tmp/$name/kh" "$staged" && chmod 755 "$staged" && mv -f "$staged" "$dir/kh"; } 2>/dev/null ||
        die "cannot write $dir/kh"
    # kh serve's web server, beside kh (releases before it had none).
    if [ -f "$tmp/$name/kh-serve" ]; then
        { cp "$tmp/$name/kh-serve" "$staged" && chmod 755 "$staged" && mv -f "$staged" "$dir/kh-serve"; } 2>/dev/null ||
            die "cannot write $dir/kh-serve"
    fi
    staged=

    say "installed kh $version to $dir/kh (checksum verified)"
    # The manual page and the shell completions, in the share folder beside the bin folder
    # (~/.local/share for ~/.local/bin, /usr/local/share for /usr/local/bin). kh works without
    # them: a folder that cannot be written is a warning.
    case "$dir" in
        */bin) share=${KH_SHARE_DIR:-${dir%/bin}/share} ;;
        *) share=${KH_SHARE_DIR:-} ;;
    esac
    if [ -n "$share" ] && [ -f "$tmp/$name/kh.1" ]; then
        extras_ok=1
        for pair in "kh.1:man/man1/kh.1" "completions/kh.bash:bash-completion/completions/kh" \
                    "completions/_kh:zsh/site-functions/_kh" "completions/kh.fish:fish/vendor_completions.d/kh.fish"; do
            from=$tmp/$name/${pair%%:*} to=$share/${pair#*:}
            [ -f "$from" ] || continue
            { mkdir -p "${to%/*}" && cp "$from" "$to.kh-install.$$" && chmod 644 "$to.kh-install.$$" && mv -f "$to.kh-install.$$" "$to"; } 2>/dev/null ||
                { rm -f "$to.kh-install.$$" 2>/dev/null; extras_ok=; }
        done
        if [ -n "$extras_ok" ]; then
            say "installed the manual page (man kh) and the bash, zsh and fish completions under $share"
        else
            say "warning: could not write the manual page or completions under $share (kh itself is installed)"
        fi
    fi
    if ! "$dir/kh" --version >/dev/null 2>&1; then
        say "warning: $dir/kh does not run on this machine; see what $dir/kh --version says"
    fi
    case ":${PATH:-}:" in
        *":$dir:"*) ;;
        *) say "$dir is not on your PATH; add it, e.g. in ~/.profile:"
           # shellcheck disable=SC2016 # $PATH is printed for the user to type
           printf '    export PATH="%s:$PATH"\n' "$dir" ;;
    esac
}

main "$@"
