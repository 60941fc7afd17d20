#!/bin/sh
# `make demo`: what Cartable does today, on the shipped example texts, offline.
set -eu
CARTABLE=${1:-.build/debug/cartable}
DRAFTS=docs/examples/sensetwitt-drafts.txt

echo "== Measuring the SenseTwitt drafts (twitter-classic: 140, URLs count 23, code points after NFC)"
echo
status=0
"$CARTABLE" count "$DRAFTS" > .demo-counts.jsonl || status=$?
paste -d '\t' .demo-counts.jsonl "$DRAFTS" | while IFS="$(printf '\t')" read -r json text; do
    length=$(printf '%s' "$json" | sed -n 's/.*"weightedLength":\([0-9-]*\).*/\1/p')
    valid=$(printf '%s' "$json" | sed -n 's/.*"valid":\([a-z]*\).*/\1/p')
    if [ "$valid" = true ]; then mark="fits"; else mark="TOO LONG"; fi
    printf '%4s/140  %-8s  %s\n' "$length" "$mark" "$text"
done
rm -f .demo-counts.jsonl
echo
echo "== The same texts as X (280, weighted) and Bluesky (300 graphemes) count them"
for profile in twitter bluesky; do
    printf '%-8s ' "$profile"
    "$CARTABLE" count --profile "$profile" "$DRAFTS" | sed -n 's/.*"weightedLength":\([0-9]*\).*"valid":\([a-z]*\).*/\1 (\2)/p' | tr '\n' ' '
    echo
done
echo
echo "cartable count exit status: $status (1 = at least one draft does not fit; see the TOO LONG line above)"
