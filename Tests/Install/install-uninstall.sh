#!/bin/sh
# `make install DESTDIR=...` then `make uninstall DESTDIR=...`: into an empty folder, the installed cartable runs and
# lints an installed example campaign, and uninstall leaves the folder empty; into a folder that already holds
# something (a file in bin/, as /usr/local/bin does), uninstall removes only what install put there.
# Uses the staged build of CONFIGURATION (debug unless given; `make install` stages it when missing).
# Run by `make test-install` (and .ci/run).
set -eu
cd "$(dirname "$0")/../.."
: "${CONFIGURATION:=debug}"
export CONFIGURATION

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

work=$(mktemp -d "${TMPDIR:-/tmp}/cartable-install.XXXXXX")
trap 'rm -rf "$work"' EXIT

# 1. An empty folder, with the default PREFIX (/usr/local).
empty=$work/empty
mkdir "$empty"
make -s install DESTDIR="$empty" > /dev/null
prefix=$empty/usr/local
[ "$("$prefix/bin/cartable" --version)" = "$(sh scripts/version.sh)" ] && pass "installed cartable --version" || fail "installed cartable --version"
for file in share/man/man1/cartable.1 share/man/man1/cartable.send.1 share/bash-completion/completions/cartable \
    share/zsh/site-functions/_cartable share/fish/vendor_completions.d/cartable.fish \
    share/cartable/Campaigns/ess-2026.yml share/cartable/Campaigns/Recipients/deputes-2024.csv; do
    [ -s "$prefix/$file" ] && pass "$file" || fail "make install did not install $file"
done
"$prefix/bin/cartable" lint "$prefix/share/cartable/Campaigns/sensetwitt-2012.yml" > /dev/null &&
    pass "cartable lint on the installed sensetwitt-2012.yml (its Recipients/ list found)" || fail "cartable lint on the installed example"
make -s uninstall DESTDIR="$empty" > /dev/null
left=$(cd "$empty" && find . -mindepth 1 | sort)
[ -z "$left" ] && pass "make uninstall left the folder empty" || fail "make uninstall left: $left"

# 2. A folder where bin/ and share/man/ already hold someone else's files, and another PREFIX.
shared=$work/shared
mkdir -p "$shared/opt/tools/bin" "$shared/opt/tools/share/man/man1"
echo 'not ours' > "$shared/opt/tools/bin/other-tool"
echo 'not ours' > "$shared/opt/tools/share/man/man1/other-tool.1"
before=$(cd "$shared" && find . | sort)
make -s install DESTDIR="$shared" PREFIX=/opt/tools > /dev/null
[ -x "$shared/opt/tools/bin/cartable" ] && pass "PREFIX=/opt/tools: bin/cartable" || fail "PREFIX=/opt/tools: no bin/cartable"
make -s uninstall DESTDIR="$shared" PREFIX=/opt/tools > /dev/null
after=$(cd "$shared" && find . | sort)
[ "$after" = "$before" ] && pass "make uninstall kept the files and folders that were there before, and only those" ||
    fail "before install: $before; after uninstall: $after"

# 3. Uninstall with nothing installed says so, exit 2.
if make -s uninstall DESTDIR="$empty" > /dev/null 2>&1; then fail "uninstall of nothing succeeded"; else pass "uninstall of nothing fails"; fi

[ "$failures" -eq 0 ] || { echo "$failures failures" >&2; exit 1; }
echo "install-uninstall: all checks passed"
