#!/bin/sh
# `make install` and `make uninstall` (the Makefile passes every variable; README, "Install").
#
#   scripts/install.sh install    copies the binary, the manual pages, the completions and the examples under
#                                 $DESTDIR$PREFIX, and lists what it created in the install manifest
#   scripts/install.sh uninstall  removes exactly what the manifest lists: the files, then the folders install
#                                 created (when they are empty), then the manifest
#
# Variables: BINARY (the built cartable), STAGE (the manual pages and completions made from it: man/, completions/),
# DESTDIR, PREFIX, BINDIR, MANDIR, BASH_COMPLETIONS, ZSH_COMPLETIONS, FISH_COMPLETIONS, EXAMPLES (the examples'
# folder), MANIFEST (empty: no manifest, for packages), COMPRESS_MAN (yes: gzip -9n, as Debian wants).
set -eu
cd "$(dirname "$0")/.."

: "${DESTDIR:=}" "${PREFIX:=/usr/local}"
: "${BINDIR:=$PREFIX/bin}" "${MANDIR:=$PREFIX/share/man}" "${EXAMPLES:=$PREFIX/share/cartable}"
: "${BASH_COMPLETIONS:=$PREFIX/share/bash-completion/completions}"
: "${ZSH_COMPLETIONS:=$PREFIX/share/zsh/site-functions}"
: "${FISH_COMPLETIONS:=$PREFIX/share/fish/vendor_completions.d}"
: "${COMPRESS_MAN:=no}"
MANIFEST=${MANIFEST-$EXAMPLES/install-manifest.txt}

created_dirs=$(mktemp)
installed_files=$(mktemp)
trap 'rm -f "$created_dirs" "$installed_files"' EXIT

# make_dir DIR: creates DIR and its missing parents under DESTDIR, remembering those it created.
make_dir() {
    missing=
    dir=$1
    while [ -n "$dir" ] && [ "$dir" != / ] && [ ! -d "$DESTDIR$dir" ]; do
        missing="$dir
$missing"
        dir=$(dirname "$dir")
    done
    printf '%s' "$missing" | while IFS= read -r new; do
        [ -n "$new" ] || continue
        mkdir -m 755 "$DESTDIR$new"
        printf '%s\n' "$new" >> "$created_dirs"
    done
}

# put MODE SOURCE DIR [NAME]: installs SOURCE as DIR/NAME (NAME defaults to SOURCE's own name).
put() {
    make_dir "$3"
    target="$3/${4:-$(basename "$2")}"
    install -m "$1" "$2" "$DESTDIR$target"
    printf '%s\n' "$target" >> "$installed_files"
}

install_all() {
    : "${BINARY:?give the built binary: BINARY=.build/release/cartable}" "${STAGE:?give the staging folder: STAGE=...}"
    [ -x "$BINARY" ] || { echo "install: $BINARY is missing; build it first (make stage)" >&2; exit 2; }
    ls "$STAGE"/man/*.1 >/dev/null 2>&1 || { echo "install: no manual pages in $STAGE/man; run make stage" >&2; exit 2; }

    put 755 "$BINARY" "$BINDIR" cartable
    for page in "$STAGE"/man/*.1; do
        if [ "$COMPRESS_MAN" = yes ]; then
            gzip -9n -c "$page" > "$page.gz"
            put 644 "$page.gz" "$MANDIR/man1"
            rm -f "$page.gz"
        else
            put 644 "$page" "$MANDIR/man1"
        fi
    done
    put 644 "$STAGE/completions/cartable.bash" "$BASH_COMPLETIONS" cartable
    put 644 "$STAGE/completions/_cartable" "$ZSH_COMPLETIONS"
    put 644 "$STAGE/completions/cartable.fish" "$FISH_COMPLETIONS"

    # The examples keep the repository's layout, so that a campaign's `file: Recipients/...` (inside its own folder,
    # the only place a campaign may read) still resolves.
    for campaign in Campaigns/*.yml; do put 644 "$campaign" "$EXAMPLES/Campaigns"; done
    for list in Campaigns/Recipients/*.csv Campaigns/Recipients/README.md; do put 644 "$list" "$EXAMPLES/Campaigns/Recipients"; done
    # The lists are derived from open data: their sources' licences and attributions go with them (not the raw data).
    for source in Campaigns/Recipients/sources/*/; do
        for notice in "$source"SOURCE.md "$source"*LICEN[CS]E* "$source"README*; do
            [ -f "$notice" ] && put 644 "$notice" "$EXAMPLES/${source%/}"
        done
    done

    if [ -n "$MANIFEST" ]; then
        make_dir "$(dirname "$MANIFEST")"
        previous=
        [ -f "$DESTDIR$MANIFEST" ] && previous=$(cat "$DESTDIR$MANIFEST")
        {
            [ -n "$previous" ] && printf '%s\n' "$previous"
            sed 's/^/file /' "$installed_files"
            sed 's/^/dir /' "$created_dirs"
        } | sort -u > "$DESTDIR$MANIFEST.tmp"
        mv "$DESTDIR$MANIFEST.tmp" "$DESTDIR$MANIFEST"
        echo "installed $(wc -l < "$installed_files") files under $DESTDIR$PREFIX (list: $DESTDIR$MANIFEST)"
    fi
}

uninstall_all() {
    [ -n "$MANIFEST" ] || { echo "uninstall: give MANIFEST" >&2; exit 2; }
    [ -f "$DESTDIR$MANIFEST" ] || { echo "uninstall: $DESTDIR$MANIFEST is missing: make install did not install under $DESTDIR$PREFIX" >&2; exit 2; }
    manifest=$(cat "$DESTDIR$MANIFEST")
    printf '%s\n' "$manifest" | sed -n 's/^file //p' | while IFS= read -r file; do rm -f "$DESTDIR$file"; done
    rm -f "$DESTDIR$MANIFEST"
    # The folders install created, deepest first; one that holds something else now is kept.
    printf '%s\n' "$manifest" | sed -n 's/^dir //p' | awk '{ print length($0) "\t" $0 }' | sort -rn | cut -f2- |
        while IFS= read -r dir; do rmdir "$DESTDIR$dir" 2>/dev/null || true; done
    echo "removed what make install had put under $DESTDIR$PREFIX"
}

case "${1:-}" in
    install) install_all ;;
    uninstall) uninstall_all ;;
    *) echo "usage: scripts/install.sh install|uninstall" >&2; exit 2 ;;
esac
