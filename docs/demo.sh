#!/bin/sh
# `make demo`: Cartable's main job on the shipped campaign and recipients, offline.
set -u
CARTABLE=${1:-.build/debug/cartable}
CAMPAIGN=Campaigns/sensetwitt-2012.yml
DRAFTS=docs/examples/sensetwitt-drafts.txt

echo "== 1. Lint the July 2012 campaign: the file, its 577 deputies, every message it would send"
"$CARTABLE" lint "$CAMPAIGN"
echo "   (exit status $?: 0 = clean)"
echo

echo "== 2. Find a deputy of the 2012 list (accent- and case-insensitive)"
"$CARTABLE" recipients search --from Recipients/deputes-2012-07-01.csv "ayrault"
echo

echo "== 3. Measure draft texts (twitter-classic: 140, URLs count 23, code points after NFC)"
"$CARTABLE" count "$DRAFTS" > .demo-counts.jsonl
status=$?
paste -d '\t' .demo-counts.jsonl "$DRAFTS" | while IFS="$(printf '\t')" read -r json text; do
    length=$(printf '%s' "$json" | sed -n 's/.*"weightedLength":\([0-9-]*\).*/\1/p')
    valid=$(printf '%s' "$json" | sed -n 's/.*"valid":\([a-z]*\).*/\1/p')
    if [ "$valid" = true ]; then mark="fits"; else mark="TOO LONG"; fi
    printf '%4s/140  %-8s  %s\n' "$length" "$mark" "$text"
done
rm -f .demo-counts.jsonl
echo "   (exit status $status: 1 = at least one draft does not fit)"
echo
echo "   The same drafts as X today (280, weighted) and Bluesky (300 graphemes) count them:"
for profile in twitter bluesky; do
    printf '   %-8s ' "$profile"
    "$CARTABLE" count --profile "$profile" "$DRAFTS" | sed -n 's/.*"weightedLength":\([0-9]*\).*"valid":\([a-z]*\).*/\1 (\2)/p' | tr '\n' ' '
    echo
done
