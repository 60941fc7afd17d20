#!/bin/sh
# `make stage`: what `make install` and `make deb` copy, made in STAGE (.build/stage/CONFIGURATION):
#   bin/cartable        the binary, built with CONFIGURATION and STATIC_STDLIB (--static-swift-stdlib by default:
#                       the Swift runtime and Foundation linked in, so it runs without a Swift toolchain)
#   man/*.1             a manual page for every command (swift-argument-parser's generate-manual plugin)
#   completions/        cartable.bash, _cartable (zsh), cartable.fish (`cartable --generate-completion-script`)
set -eu
cd "$(dirname "$0")/.."
: "${SWIFT:=swift}" "${CONFIGURATION:=release}" "${STAGE:=.build/stage/$CONFIGURATION}"
STATIC_STDLIB=${STATIC_STDLIB---static-swift-stdlib}

# The pages' date is the last commit's (the same pages from the same commit), else today.
date=$(git log -1 --format=%cs 2>/dev/null || true)
[ -n "$date" ] || date=$(date -u +%Y-%m-%d)

rm -rf "$STAGE"
mkdir -p "$STAGE/bin" "$STAGE/man" "$STAGE/completions"

# The plugin builds the package's products in CONFIGURATION, then writes one page per command.
$SWIFT package plugin generate-manual --configuration "$CONFIGURATION" --multi-page --date "$date"
pages=$(find .build/plugins/GenerateManual -type f -name 'cartable.1' | head -n 1)
[ -n "$pages" ] || { echo "stage: generate-manual wrote no cartable.1 under .build/plugins/GenerateManual" >&2; exit 1; }
cp "$(dirname "$pages")"/cartable*.1 "$STAGE/man/"

# The binary last (the plugin's build links it without STATIC_STDLIB), copied so that a later build cannot change it.
$SWIFT build -c "$CONFIGURATION" --product cartable $STATIC_STDLIB
cp ".build/$CONFIGURATION/cartable" "$STAGE/bin/cartable"

for shell in bash zsh fish; do
    case $shell in bash) file=cartable.bash ;; zsh) file=_cartable ;; fish) file=cartable.fish ;; esac
    "$STAGE/bin/cartable" --generate-completion-script "$shell" > "$STAGE/completions/$file"
done

echo "staged $("$STAGE/bin/cartable" --version): $(ls "$STAGE/man" | wc -l) manual pages, 3 completion scripts in $STAGE"
