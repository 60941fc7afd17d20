#!/bin/sh
# Prints Cartable's version, from its one source: the VERSION file of a release archive (`git archive` fills it in
# through export-subst, see .gitattributes), else `git describe` of the clone (tags vMAJOR.MINOR.PATCH), else
# 0.0.0-unknown. With --swift FILE it also writes the Swift constant the build compiles (Plugins/VersionStamp), and
# rewrites FILE only when the version changed, so that an unchanged version recompiles nothing.
# With --debian it prints the version as a Debian version (no hyphen: 0.1.0-3-gabc1234 -> 0.1.0+3.gabc1234).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)

version=
if [ -f "$root/VERSION" ]; then
    version=$(sed -n '1{s/^v//;p;}' "$root/VERSION")
    case "$version" in *'$Format'*|'') version= ;; esac   # the placeholder of a clone, not an archive
fi
if [ -z "$version" ] && command -v git >/dev/null 2>&1; then
    described=$(git -C "$root" describe --tags --match 'v[0-9]*' --dirty 2>/dev/null) && version=${described#v}
    if [ -z "$version" ]; then
        # A clone without a release tag yet: 0.0.0 and the commit.
        commit=$(git -C "$root" describe --always --dirty 2>/dev/null) && version="0.0.0-g$commit"
    fi
fi
# Only the characters a version is made of (it becomes a Swift string literal and a Debian version).
version=$(printf '%s' "$version" | tr -cd 'A-Za-z0-9.+~_-')
[ -n "$version" ] || version=0.0.0-unknown

case "${1:-}" in
    --debian)
        printf '%s\n' "$version" | sed 's/-/+/; s/-/./g'
        ;;
    --swift)
        file=${2:?give the Swift file to write}
        mkdir -p "$(dirname "$file")"
        printf '%s\n' \
            "// Generated at build time by scripts/version.sh (the VersionStamp plugin); not kept in the repository." \
            "extension CartableVersion {" \
            "    /// What scripts/version.sh printed when this module was built." \
            "    static let stamped = \"$version\"" \
            "}" > "$file.tmp"
        if cmp -s "$file.tmp" "$file" 2>/dev/null; then rm -f "$file.tmp"; else mv "$file.tmp" "$file"; fi
        ;;
    '')
        printf '%s\n' "$version"
        ;;
    *)
        echo "usage: scripts/version.sh [--debian | --swift FILE]" >&2
        exit 2
        ;;
esac
