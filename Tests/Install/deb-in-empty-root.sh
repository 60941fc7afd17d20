#!/bin/sh
# The Debian package, installed into an empty root: `make stage` and `make deb` (CONFIGURATION, debug unless given),
# then `dpkg --root` into an empty folder (maintainer scripts run chrootless with DPKG_ROOT; the root has no libc,
# so dependencies are forced and the installed binary runs with this machine's libraries). Checks the version, lint
# on the installed example campaigns, every command's manual page with man -l, the completions, the system user,
# the settings file's mode, the units (systemd-analyze verify), lintian, and that a purge leaves no file behind.
# Run by `make test-install` (and .ci/run).
set -eu
cd "$(dirname "$0")/../.."
: "${CONFIGURATION:=debug}"
export CONFIGURATION

# What the checks use (.ci/run installs them: apt-get install lintian man-db systemd binutils).
for tool in dpkg-deb lintian man systemd-sysusers systemd-analyze python3 readelf strip; do
    command -v "$tool" >/dev/null 2>&1 || { echo "FAIL: $tool is missing (apt-get install lintian man-db systemd binutils)" >&2; exit 1; }
done

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

make -s stage
deb=$(make -s deb | tail -n 1)
[ -f "$deb" ] || { echo "FAIL: make deb wrote no package ($deb)" >&2; exit 1; }
pass "make deb wrote $deb"

root=$(mktemp -d "${TMPDIR:-/tmp}/cartable-root.XXXXXX")
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status"
dpkg_root() { dpkg --root="$root" --force-script-chrootless --force-depends "$@"; }

dpkg_root -i "$deb" > "$root.log" 2>&1 || { cat "$root.log" >&2; fail "dpkg --root -i $deb"; }
rm -f "$root.log"
status=$(dpkg --root="$root" -s cartable 2>/dev/null | sed -n 's/^Status: //p')
[ "$status" = "install ok installed" ] && pass "dpkg: $status" || fail "dpkg status is '$status'"

# The binary: its version is the one scripts/version.sh gives, and it loads no library outside Debian's packages.
cartable=$root/usr/bin/cartable
expected=$(sh scripts/version.sh)
actual=$("$cartable" --version) || fail "cartable --version failed"
[ "$actual" = "$expected" ] && pass "cartable --version: $actual" || fail "cartable --version printed '$actual', scripts/version.sh '$expected'"
if ldd "$cartable" | grep -E 'not found|/opt/|swift' >&2; then fail "the installed binary loads the libraries above"; else pass "ldd: only system libraries"; fi
depends=$(dpkg-deb -f "$deb" Depends)
for package in libc6 libcurl4 libsqlite3-0; do
    printf '%s\n' "$depends" | grep -Eq "(^|, )$package(,|$| )" && pass "Depends has $package" || fail "Depends ($depends) lacks $package"
done

# The examples keep their layout: each campaign finds its recipient list by its relative path.
for campaign in "$root"/usr/share/cartable/Campaigns/*.yml; do
    if output=$("$cartable" lint "$campaign" 2>&1); then
        pass "cartable lint $(basename "$campaign"): $(printf '%s\n' "$output" | tail -n 1)"
    else
        printf '%s\n' "$output" >&2; fail "cartable lint $campaign"
    fi
done

# A manual page for every command and subcommand the binary knows; man -l renders them.
commands=$("$cartable" --experimental-dump-help | python3 -c '
import json, sys
def walk(command, path):
    path = path + [command["commandName"]]
    yield ".".join(path)
    for sub in command.get("subcommands", []):
        yield from walk(sub, path)
print("\n".join(walk(json.load(sys.stdin)["command"], [])))')
count=0
for command in $commands; do
    [ "$command" = cartable.help ] && continue   # ArgumentParser's own help subcommand
    page=$root/usr/share/man/man1/$command.1.gz
    [ -f "$page" ] || { fail "no manual page $command.1.gz"; continue; }
    warnings=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
    [ -z "$warnings" ] || fail "man -l $command.1.gz warns: $warnings"
    count=$((count + 1))
done
pass "$count manual pages, one per command, rendered by man -l without a warning"
rendered=$(MANPAGER=cat MANWIDTH=100 man -l "$root/usr/share/man/man1/cartable.lint.1.gz" 2>&1) || fail "man -l cartable.lint.1.gz"
printf '%s\n' "$rendered" | grep -q 'cartable lint' && printf '%s\n' "$rendered" | grep -q -- '--format' &&
    pass "man -l cartable.lint.1.gz renders the command and its options" || { printf '%s\n' "$rendered" >&2; fail "man -l output"; }

# Completions, where each shell looks for them; the bash one parses.
for file in usr/share/bash-completion/completions/cartable usr/share/zsh/vendor-completions/_cartable \
    usr/share/fish/vendor_completions.d/cartable.fish; do
    [ -s "$root/$file" ] && pass "/$file" || fail "no /$file"
done
bash -n "$root/usr/share/bash-completion/completions/cartable" && pass "the bash completion parses" || fail "bash -n completion"

# The system user, its state folder, the settings file only root reads.
user=$(grep '^cartable:' "$root/etc/passwd" || true)
[ -n "$user" ] && pass "user: $user" || fail "no cartable user in the root's /etc/passwd"
uid=$(printf '%s\n' "$user" | cut -d: -f3)
gid=$(grep '^cartable:' "$root/etc/group" | cut -d: -f3)
printf '%s\n' "$user" | grep -q ':/var/lib/cartable:/usr/sbin/nologin$' || fail "the user's home and shell: $user"
[ "$(stat -c '%u:%g %a' "$root/var/lib/cartable")" = "$uid:$gid 750" ] && pass "/var/lib/cartable: cartable's, 750" ||
    fail "/var/lib/cartable is $(stat -c '%u:%g %a' "$root/var/lib/cartable")"
[ "$(stat -c '%u:%g %a' "$root/etc/cartable/cartable.env")" = "0:$gid 600" ] && pass "/etc/cartable/cartable.env: root:cartable, 600" ||
    fail "/etc/cartable/cartable.env is $(stat -c '%u:%g %a' "$root/etc/cartable/cartable.env")"

# The units: systemd's checker finds nothing to say (verify needs the command to exist: the root's binary stands in
# for /usr/bin/cartable), and the hardening keeps the exposure systemd-analyze security computes at 2.0 or below.
units=$root.units
mkdir -p "$units"
sed "s|/usr/bin/cartable|$cartable|" "$root/lib/systemd/system/cartable-send.service" > "$units/cartable-send.service"
sed "s|/usr/bin/cartable|$cartable|" "$root/lib/systemd/system/cartable-serve@.service" > "$units/cartable-serve@example.service"
for unit in "$units"/*.service; do
    name=$(basename "$unit")
    output=$(systemd-analyze verify --man=no "$unit" 2>&1) && [ -z "$output" ] && pass "systemd-analyze verify $name" ||
        { printf '%s\n' "$output" >&2; fail "systemd-analyze verify $name"; }
    exposure=$(systemd-analyze security --offline=yes "$unit" 2>&1 | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
    systemd-analyze security --offline=yes --threshold=20 "$unit" >/dev/null 2>&1 && pass "$name: exposure $exposure" ||
        fail "$name: exposure ${exposure:-unknown}, above 2.0"
done
rm -rf "$units"

# lintian (Debian's package checker): no error and no warning that is not overridden with its reason.
if output=$(lintian --fail-on error,warning --tag-display-limit 0 "$deb" 2>&1); then
    pass "lintian: no error, no warning (overrides: packaging/debian/lintian-overrides)"
else
    printf '%s\n' "$output" >&2; fail "lintian"
fi

# Purge: the package's files, the settings file and the state folder go; only dpkg's database and the user's files (passwd, group, shadow and their lock) remain.
dpkg_root --purge cartable > /dev/null 2>&1 || fail "dpkg --purge"
left=$(cd "$root" && find . ! -type d ! -path './var/lib/dpkg/*' ! -path './etc/passwd*' ! -path './etc/group*' \
    ! -path './etc/shadow*' ! -path './etc/gshadow*' ! -path './etc/.pwd.lock' | sort)
[ -z "$left" ] && pass "purge left no file behind" || fail "purge left: $left"

[ "$failures" -eq 0 ] || { echo "$failures failures" >&2; exit 1; }
echo "deb-in-empty-root: all checks passed"
