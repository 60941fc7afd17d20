#!/bin/sh
# `make demo`: Cartable's main job on the shipped campaign and recipients, offline, with the embedded defaults:
# lint, preview (table and HTML report), queue, send through the dry-run channel with progress, status.
set -u
CARTABLE=${1:-.build/debug/cartable}
CAMPAIGN=Campaigns/sensetwitt-2012.yml
DRAFTS=docs/examples/sensetwitt-drafts.txt
# The demo's own outbox and files, made afresh each run so the demo is repeatable.
DEMO=.cartable/demo
OUTBOX=$DEMO/outbox.sqlite
rm -rf "$DEMO"
mkdir -p "$DEMO"

echo "== 1. Lint the July 2012 campaign: the file, its 577 deputies, every message it would send"
"$CARTABLE" lint "$CAMPAIGN"
echo "   (exit status $?: 0 = clean)"
echo

echo "== 2. Find a deputy of the 2012 list (accent- and case-insensitive)"
"$CARTABLE" recipients search --from Campaigns/Recipients/deputes-2012-07-01.csv "ayrault"
echo

echo "== 3. Measure draft texts (twitter-classic: 140, URLs count 23, code points after NFC)"
"$CARTABLE" count "$DRAFTS" > "$DEMO/counts.jsonl"
status=$?
paste -d '\t' "$DEMO/counts.jsonl" "$DRAFTS" | while IFS="$(printf '\t')" read -r json text; do
    length=$(printf '%s' "$json" | sed -n 's/.*"weightedLength":\([0-9-]*\).*/\1/p')
    valid=$(printf '%s' "$json" | sed -n 's/.*"valid":\([a-z]*\).*/\1/p')
    if [ "$valid" = true ]; then mark="fits"; else mark="TOO LONG"; fi
    printf '%4s/140  %-8s  %s\n' "$length" "$mark" "$text"
done
echo "   (exit status $status: 1 = at least one draft does not fit)"
echo
echo "   The same drafts as X today (280, weighted) and Bluesky (300 graphemes) count them:"
for profile in twitter bluesky; do
    printf '   %-8s ' "$profile"
    "$CARTABLE" count --profile "$profile" "$DRAFTS" | sed -n 's/.*"weightedLength":\([0-9]*\).*"valid":\([a-z]*\).*/\1 (\2)/p' | tr '\n' ' '
    echo
done
echo

echo "== 4. Preview the batch: one message per deputy with a Twitter account, measured (first 8 shown)"
"$CARTABLE" preview "$CAMPAIGN" --format table --limit 8
echo "   (exit status $?: 0 = every message can be sent as it is)"
"$CARTABLE" preview "$CAMPAIGN" -o "$DEMO/sensetwitt-2012.html"
echo "   HTML report of the whole batch: $DEMO/sensetwitt-2012.html"
echo

echo "== 5. Queue the batch in the outbox ($OUTBOX), for the dry-run channel (nothing leaves this machine)"
"$CARTABLE" queue "$CAMPAIGN" --via dry-run --outbox "$OUTBOX"
echo "   Queueing it again is a no-op for the messages already there:"
"$CARTABLE" queue "$CAMPAIGN" --via dry-run --outbox "$OUTBOX"
echo

echo "== 6. Send: the dry-run channel writes each message as a JSON line ($DEMO/dry-run.jsonl)"
"$CARTABLE" send --via dry-run --until-empty --outbox "$OUTBOX" --dry-run-output "$DEMO/dry-run.jsonl"
echo "   First line written:"
head -n 1 "$DEMO/dry-run.jsonl"
echo

echo "== 7. Status: states, who has been reached (the satchel), variants"
"$CARTABLE" status --outbox "$OUTBOX" --show 3
echo

echo "== 8. The supporters' page: cartable serve on a free loopback port, two pages fetched with curl"
"$CARTABLE" serve "$CAMPAIGN" --port 0 --outbox "$OUTBOX" > "$DEMO/serve.out" 2> "$DEMO/serve.log" &
SERVER=$!
URL=""
for _ in $(seq 1 600); do
    URL=$(sed -n 's/^listening on \(http:[^ ]*\)$/\1/p' "$DEMO/serve.out")
    [ -n "$URL" ] && break
    kill -0 "$SERVER" 2>/dev/null || break
    sleep 0.1
done
if [ -z "$URL" ]; then
    echo "   cartable serve did not start:"; cat "$DEMO/serve.log"
else
    echo "   $(cat "$DEMO/serve.out")"
    title() { sed -n 's:.*<title>\(.*\)</title>.*:\1:p' | sed 's/&amp;/\&/g; s/&#39;/'"'"'/g; s/&quot;/"/g'; }
    curl -s "$URL/c/sensetwitt-2012/" > "$DEMO/campaign.html"
    echo "   campaign page: $(title < "$DEMO/campaign.html")"
    echo "   $(sed -n 's:.*<p class="satchel">\([^<·]*\).*:\1:p' "$DEMO/campaign.html")"
    DEPUTY=$(curl -s "$URL/c/sensetwitt-2012/find?suggest=1" | sed -n 's:.*<a href="\(/c/sensetwitt-2012/d/[^"]*\)">.*:\1:p' | head -n 1)
    curl -s "$URL$DEPUTY" > "$DEMO/deputy.html"
    echo "   deputy page ($DEPUTY): $(title < "$DEMO/deputy.html")"
    echo "   message: $(sed -n 's:.*<p class="text" id="message-text"[^>]*>\(.*\)</p>.*:\1:p' "$DEMO/deputy.html" | sed 's/&amp;/\&/g; s/&#39;/'"'"'/g')"
    echo "   length:  $(sed -n 's:.*<span class="count" id="count">\([^<]*\)</span>.*:\1:p' "$DEMO/deputy.html")"
fi
kill -TERM "$SERVER" 2>/dev/null
wait "$SERVER"
echo "   (stopped with SIGTERM, exit status $?; access log in $DEMO/serve.log)"
