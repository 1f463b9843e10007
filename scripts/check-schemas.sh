#!/bin/sh
# Checks the CI files against their published JSON Schemas, as bundled in check-jsonschema
# (installed from PyPI when missing; its built-in schemas only, so nothing is downloaded):
# the workflows of this repository and of archive-template, action.yml, the GitLab template.
#   scripts/check-schemas.sh
# Last line: "N passed, N failed".

set -u
cd "$(dirname "$0")/.." || exit 2
passed=0
failed=0

if command -v check-jsonschema > /dev/null 2>&1; then
    checker=check-jsonschema
else
    { python3 -m pip install --quiet check-jsonschema || python3 -m pip install --quiet --user check-jsonschema; } || { echo "could not install check-jsonschema from PyPI" >&2; exit 2; }
    checker="python3 -m check_jsonschema"
fi

# check SCHEMA FILE...
check() {
    schema=$1
    shift
    for f in "$@"; do
        if [ ! -f "$f" ]; then
            failed=$((failed + 1)); echo "FAIL $f: no such file"
        elif out=$($checker --builtin-schema "$schema" "$f" 2>&1); then
            passed=$((passed + 1)); echo "ok   $f ($schema)"
        else
            failed=$((failed + 1)); echo "FAIL $f ($schema)"; printf '%s\n' "$out" | sed 's/^/     | /'
        fi
    done
}

check vendor.github-workflows .github/workflows/*.yml archive-template/.github/workflows/*.yml
check vendor.github-actions action.yml
check vendor.gitlab-ci archive-template/.gitlab-ci.yml
# A schema for pre-commit's hook manifest, if this check-jsonschema has one.
manifest=$($checker --help | grep -o 'vendor\.pre-commit[a-z-]*' | head -n 1)
if [ -n "$manifest" ]; then
    check "$manifest" .pre-commit-hooks.yaml
else
    echo "skip .pre-commit-hooks.yaml (no built-in schema for it)"
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
