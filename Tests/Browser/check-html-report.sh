#!/bin/sh
# Opens `cartable preview` HTML reports in headless Chromium, as an organiser would, and checks that each one
# renders (the screenshot is not blank), shows every card, ran its script without error (the filters work,
# also from a ?group= link), and shows hostile recipient names as text. Run after `make test` (CI does).
set -eu
cd "$(dirname "$0")/../.."
CARTABLE=${CARTABLE:-.build/debug/cartable}
[ -x "$CARTABLE" ] || { echo "check-html-report: $CARTABLE is missing; run make test (or swift build) first"; exit 2; }

if ! command -v chromium >/dev/null 2>&1; then
    echo "check-html-report: installing chromium with apt-get"
    SUDO=$([ "$(id -u)" = "0" ] || echo sudo)
    $SUDO apt-get install -y -qq chromium >/dev/null 2>&1 || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null; }
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "check-html-report: FAILED: $1"; }

# Chromium, headless, with a fresh profile; it runs as root in CI, hence --no-sandbox.
browse() {
    timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars \
        --no-first-run --user-data-dir="$work/profile" --virtual-time-budget=5000 "$@"
}

# Whether a PNG screenshot has real content: decodes it (zlib, PNG row filters) and counts the pixels that
# differ from the background (the most common colour).
not_blank() {
    python3 - "$1" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
pos, idat, width, height, kind = 8, b'', 0, 0, 0
while pos < len(data):
    length, tag = struct.unpack('>I4s', data[pos:pos + 8])
    chunk = data[pos + 8:pos + 8 + length]
    if tag == b'IHDR':
        width, height, depth, kind = struct.unpack('>IIBB', chunk[:10])
    elif tag == b'IDAT':
        idat += chunk
    pos += 12 + length
channels = {2: 3, 6: 4, 0: 1, 4: 2}[kind]
raw, stride, rows, previous = zlib.decompress(idat), width * channels, [], bytearray(width * channels)
for y in range(height):
    filter_type, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for x in range(stride):
        a = line[x - channels] if x >= channels else 0
        b, c = previous[x], previous[x - channels] if x >= channels else 0
        if filter_type == 1: line[x] = (line[x] + a) & 255
        elif filter_type == 2: line[x] = (line[x] + b) & 255
        elif filter_type == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif filter_type == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(bytes(line)); previous = line
counts = {}
for row in rows[::4]:
    for x in range(0, stride, channels * 4):
        pixel = row[x:x + 3]
        counts[pixel] = counts.get(pixel, 0) + 1
total = sum(counts.values())
content = 1 - max(counts.values()) / total
print('%.1f%% of the page differs from its background, %d colours' % (content * 100, len(counts)))
sys.exit(0 if content > 0.05 and len(counts) > 20 else 1)
PY
}

# check NAME CAMPAIGN [GROUP]: one report, every check.
check() {
    name=$1 campaign=$2 group=${3:-}
    report="$work/$name.html"
    "$CARTABLE" preview "$campaign" --format html -o "$report" 2>/dev/null || [ $? -eq 1 ] || { fail "$name: cartable preview failed"; return; }
    expected=$("$CARTABLE" preview "$campaign" --format jsonl 2>/dev/null | wc -l | tr -d ' ')

    browse --enable-logging=stderr --v=0 --dump-dom "file://$report" >"$work/$name.dom" 2>"$work/$name.log" || true
    cards=$(grep -o '<article class="card' "$work/$name.dom" | wc -l | tr -d ' ')
    if [ "$cards" -eq "$expected" ] && [ "$cards" -gt 0 ]; then pass; else fail "$name: $cards cards in the page, $expected messages"; fi
    if grep -q 'data-js="ready"' "$work/$name.dom" && grep -q "$expected of $expected messages shown" "$work/$name.dom"; then pass; else fail "$name: the page's script did not run to its end"; fi
    if grep -E -i 'Uncaught|SyntaxError|ReferenceError|TypeError|Refused to' "$work/$name.log"; then fail "$name: script errors (above)"; else pass; fi

    browse --screenshot="$work/$name.png" --window-size=1280,1600 "file://$report" >/dev/null 2>&1 || true
    if [ -s "$work/$name.png" ] && not_blank "$work/$name.png"; then pass; else fail "$name: the screenshot is blank"; fi

    if [ -n "$group" ]; then
        in_group=$("$CARTABLE" preview "$campaign" --format jsonl --group "$group" 2>/dev/null | wc -l | tr -d ' ')
        browse --dump-dom "file://$report?group=$group" >"$work/$name-group.dom" 2>/dev/null || true
        if grep -q "$in_group of $expected messages shown" "$work/$name-group.dom"; then pass; else fail "$name: the group filter does not show the $in_group $group messages"; fi
    fi
}

check sensetwitt-2012 Campaigns/sensetwitt-2012.yml UMP
check ess-2026 Campaigns/ess-2026.yml SOC
check hostile Tests/CartableTests/Fixtures/campaigns/hostile.yml
check too-long Tests/CartableTests/Fixtures/campaigns/too-long.yml

# A recipient named <script>alert(1)</script> is text in the rendered page, never an element.
if grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$work/hostile.dom" && ! grep -q '<script>alert' "$work/hostile.dom" && ! grep -q '<img' "$work/hostile.dom"; then
    pass
else
    fail "hostile: a recipient's name became markup"
fi

echo "html report checks in headless Chromium: $passed/$((passed + failed)) passed"
[ "$failed" -eq 0 ]
