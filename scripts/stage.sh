#!/bin/sh
# `make stage`: what `make install` and `make deb` copy, made in STAGE (.build/stage/CONFIGURATION):
#   bin/cartable        the binary, built with CONFIGURATION and STATIC_STDLIB (--static-swift-stdlib by default:
#                       the Swift runtime and Foundation linked in, so it runs without a Swift toolchain)
#   man/*.1             a manual page for every command (swift-argument-parser's generate-manual plugin)
#   completions/        cartable.bash, _cartable (zsh), cartable.fish (`cartable --generate-completion-script`)
#
# It builds in a folder of its own, STAGE_BUILD (.build/stage-build): objects compiled for a dynamically linked
# runtime (what `swift build` makes in .build) cannot be linked with the static one (the static Foundation needs
# libraries their link entries do not name), and SwiftPM does not recompile them when only --static-swift-stdlib
# changes (nor the other way: objects compiled for the static one do not link with the dynamic one). Here every
# object is compiled for the static runtime; later builds reuse them.
set -eu
cd "$(dirname "$0")/.."
: "${SWIFT:=swift}" "${CONFIGURATION:=release}" "${STAGE:=.build/stage/$CONFIGURATION}" "${STAGE_BUILD:=.build/stage-build}"
STATIC_STDLIB=${STATIC_STDLIB---static-swift-stdlib}

# The pages' date is the last commit's (the same pages from the same commit), else today.
date=$(git log -1 --format=%cs 2>/dev/null || true)
[ -n "$date" ] || date=$(date -u +%Y-%m-%d)

rm -rf "$STAGE"
mkdir -p "$STAGE/bin" "$STAGE/man" "$STAGE/completions"

# The binary, copied out of the build folder.
# --disable-local-rpath: no $ORIGIN search path (the binary loads only the system's libraries).
# --disable-build-manifest-caching: a cached build plan once kept a dynamic link after the flags had changed.
$SWIFT build --scratch-path "$STAGE_BUILD" -c "$CONFIGURATION" --product cartable --disable-local-rpath \
    --disable-build-manifest-caching $STATIC_STDLIB
cp "$STAGE_BUILD/$CONFIGURATION/cartable" "$STAGE/bin/cartable"

# The manual pages: the plugin builds the package's products, then writes one page per command from their help
# text, which is the same in every configuration. It builds in .build, debug (what `swift build` and `make test`
# already made), not in STAGE_BUILD: it links without the static runtime, which objects compiled for it cannot do.
rm -rf .build/plugins/GenerateManual/outputs
$SWIFT package plugin generate-manual --configuration debug --multi-page --date "$date"
page=$(find .build/plugins/GenerateManual -type f -name 'cartable.1' | head -n 1)
[ -n "$page" ] || { echo "stage: generate-manual wrote no cartable.1 under .build/plugins/GenerateManual" >&2; exit 1; }
# A blank line is a paragraph break in the help text and a warning in mdoc (and lintian): `.Pp` says it in mdoc.
for generated in "$(dirname "$page")"/cartable*.1; do
    sed 's/^$/.Pp/' "$generated" > "$STAGE/man/$(basename "$generated")"
done
# ArgumentParser's own `help` subcommand gets a page that says nothing about Cartable; `cartable help` stays.
rm -f "$STAGE/man/cartable.help.1"

for shell in bash zsh fish; do
    case $shell in bash) file=cartable.bash ;; zsh) file=_cartable ;; fish) file=cartable.fish ;; esac
    # Completion files are sourced, not run: no #! line.
    "$STAGE/bin/cartable" --generate-completion-script "$shell" | sed '1{/^#!/d;}' > "$STAGE/completions/$file"
done

echo "staged cartable $("$STAGE/bin/cartable" --version): $(ls "$STAGE/man" | wc -l) manual pages, 3 completion scripts in $STAGE"
