#!/bin/sh
# `make deb`: a Debian package of the staged build (scripts/stage.sh), made with dpkg-deb alone.
# Writes $OUT/cartable_VERSION_ARCH.deb and prints its path. See docs/operations.md and README, "Install".
set -eu
cd "$(dirname "$0")/.."
: "${CONFIGURATION:=release}" "${STAGE:=.build/stage/$CONFIGURATION}" "${OUT:=.build/deb}"
: "${DEB_MAINTAINER:=Cartable maintainers <cartable@example.org>}"

binary=$STAGE/bin/cartable
[ -x "$binary" ] || { echo "make deb: $binary is missing; run make stage CONFIGURATION=$CONFIGURATION first" >&2; exit 2; }
version=$(sh scripts/version.sh --debian)
arch=$(dpkg --print-architecture)

root=$OUT/root
rm -rf "$root"
mkdir -p "$root/DEBIAN"

# The files, through the same script as `make install`, at Debian's places; manual pages compressed.
DESTDIR=$root PREFIX=/usr BINARY=$binary STAGE=$STAGE MANIFEST= COMPRESS_MAN=yes \
    ZSH_COMPLETIONS=/usr/share/zsh/vendor-completions sh scripts/install.sh install
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$root/usr/bin/cartable"

install -D -m 644 packaging/systemd/cartable-serve@.service "$root/lib/systemd/system/cartable-serve@.service"
install -D -m 644 packaging/systemd/cartable-send.service "$root/lib/systemd/system/cartable-send.service"
install -D -m 644 packaging/debian/sysusers.conf "$root/usr/lib/sysusers.d/cartable.conf"
for settings in packaging/env/*.env; do install -D -m 644 "$settings" "$root/usr/share/cartable/env/$(basename "$settings")"; done
install -D -m 644 packaging/debian/lintian-overrides "$root/usr/share/lintian/overrides/cartable"

doc=$root/usr/share/doc/cartable
install -D -m 644 packaging/debian/copyright "$doc/copyright"
install -m 644 docs/operations.md "$doc/operations.md"
# A native package's changelog: this build, dated by its commit (reproducible).
when=$(git log -1 --format=%cD 2>/dev/null || date -R)
printf 'cartable (%s) unstable; urgency=medium\n\n  * Built from the Cartable repository, version %s.\n\n -- %s  %s\n' \
    "$version" "$(sh scripts/version.sh)" "$DEB_MAINTAINER" "$when" | gzip -9n > "$doc/changelog.gz"

# Depends: the package of every shared library the binary names (NEEDED), found where ldd finds it and owned as
# dpkg knows. A library no package owns (a Swift toolchain's runtime, when STATIC_STDLIB was emptied) cannot be
# depended on: refuse.
depends=
libraries=$(ldd "$root/usr/bin/cartable")
for name in $(readelf -d "$root/usr/bin/cartable" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
    library=$(printf '%s\n' "$libraries" | awk -v name="$name" '
        { base = $1; sub(/.*\//, "", base) }          # the loader is listed by its path: /lib64/ld-linux-x86-64.so.2
        base == name { print ($3 ~ /^\//) ? $3 : $1; exit }')
    [ -n "$library" ] || { echo "make deb: cartable needs $name, which is not found on this machine" >&2; exit 1; }
    owner=
    resolved=$(readlink -f "$library")
    # dpkg knows a file by the path its package ships it at: with merged /usr that may be either spelling.
    for path in "$library" "$resolved" "${resolved#/usr}"; do
        owner=$(dpkg -S "$path" 2>/dev/null | head -n 1 | cut -d: -f1) && [ -n "$owner" ] && break
    done
    if [ -z "$owner" ]; then
        echo "make deb: $library, which cartable loads, belongs to no Debian package (build with STATIC_STDLIB=--static-swift-stdlib)" >&2
        exit 1
    fi
    depends="$depends
$owner"
done
depends=$(printf '%s\n' "$depends" adduser | sed '/^$/d' | sort -u | paste -sd, - | sed 's/,/, /g')

install -m 755 packaging/debian/postinst packaging/debian/prerm packaging/debian/postrm "$root/DEBIAN/"
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -print | sed 's|^\./||' | LC_ALL=C sort | xargs md5sum) > "$root/DEBIAN/md5sums"
chmod 644 "$root/DEBIAN/md5sums"
cat > "$root/DEBIAN/control" <<CONTROL
Package: cartable
Version: $version
Architecture: $arch
Maintainer: $DEB_MAINTAINER
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: $depends
Recommends: systemd
Section: net
Priority: optional
Description: compose, check and send advocacy-campaign messages
 Cartable composes one short message per elected representative from a
 campaign file and a recipient list, checks that each fits exactly as the
 platform counts it, previews the batch, and posts through a durable outbox
 (X, Mastodon, Bluesky, webhooks) with nothing lost or sent twice.
 .
 The package ships the cartable command, its manual pages and shell
 completions, example campaigns and recipient lists in /usr/share/cartable,
 and two systemd units: cartable-serve@.service (the supporters' web page of
 one campaign) and cartable-send.service (the sender).
CONTROL

find "$root" -type d -exec chmod 755 {} +
deb=$OUT/cartable_${version}_$arch.deb
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "$deb"
