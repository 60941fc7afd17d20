#!/bin/sh
# A private PostgreSQL cluster for the tests: `start` runs initdb in a new temporary directory (as the `postgres` user
# when run as root: initdb refuses root), starts it on a free loopback port with its own socket directory, and writes
# its URL; `url` prints that URL (export it as CARTABLE_TEST_POSTGRES_URL); `stop` stops the cluster and removes it
# (the shared cluster's server log is kept as .build/test-postgres.log).
# `make test` starts it before `swift test` and stops it after, even when a test fails. `restart [SECONDS]` stops
# it with a fast shutdown and starts it again SECONDS later (the outage tests). CARTABLE_TEST_POSTGRES_STATE names
# another folder for the cluster's state, so that a test can run a cluster of its own beside the shared one.
# CARTABLE_TEST_POSTGRES_LISTEN adds addresses (comma-separated) to listen on beside 127.0.0.1, and lets the networks
# directly attached to this machine connect with a password (`samenet`): the multi-machine tests, whose senders run in
# network namespaces and reach the server over veth pairs.
#
# The superuser is `cartable`, with a random password: TCP connections authenticate with scram-sha-256 (so the tests
# exercise password authentication), the socket directory trusts local connections (for this script only).
# With openssl, the cluster also offers TLS, with a certificate for `localhost` only, signed by a private CA made here;
# `ca` prints that CA's file (export it as CARTABLE_TEST_POSTGRES_CA), nothing when the cluster has no TLS.
set -eu
cd "$(dirname "$0")/../.."
state=${CARTABLE_TEST_POSTGRES_STATE:-.build/test-postgres}
mkdir -p .build

fail() { echo "cluster.sh: $*" >&2; exit 1; }

bindir() {
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
        return
    fi
    # Debian's postgresql package keeps its programs out of PATH.
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$found" ] && [ -x "$found/initdb" ] || fail "initdb was not found (install PostgreSQL: apt-get install postgresql)"
    echo "$found"
}

# Runs a command as the cluster's owner: `postgres` when we are root, else ourselves.
as_owner() {
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || fail "running as root, and there is no postgres user to run initdb as (apt-get install postgresql creates it)"
        su -s /bin/sh postgres -c "$*"
    else
        sh -c "$*"
    fi
}

free_port() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
    else
        echo $((20000 + $$ % 30000))
    fi
}

# A private CA and a server certificate signed by it, for the name localhost only (so that verify-full to 127.0.0.1
# is a name mismatch), in folder $1; fails without openssl.
certificates() {
    command -v openssl >/dev/null 2>&1 || return 1
    (
        cd "$1"
        openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Cartable test CA" -keyout ca.key -out ca.crt &&
            openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout server.key -out server.csr &&
            printf 'subjectAltName=DNS:localhost\n' > server.ext &&
            openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -extfile server.ext -out server.crt &&
            chmod 600 server.key ca.key && chmod 644 ca.crt server.crt
    ) >"$1/openssl.log" 2>&1
}

start() {
    if [ -f "$state/url" ]; then
        stop
    fi
    bin=$(bindir)
    directory=$(mktemp -d "${TMPDIR:-/tmp}/cartable-postgres.XXXXXX")
    chmod 755 "$directory"
    password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
    printf '%s\n' "$password" > "$directory/password"
    mkdir -p "$directory/socket"
    ssl=""
    if certificates "$directory"; then
        ssl="-c ssl=on -c ssl_cert_file=$directory/server.crt -c ssl_key_file=$directory/server.key"
    else
        echo "cluster.sh: no openssl (or it failed: $directory/openssl.log): PostgreSQL runs without TLS, its TLS tests are skipped" >&2
        rm -f "$directory/ca.crt"
    fi
    [ "$(id -u)" = 0 ] && chown -R postgres "$directory"
    chmod 600 "$directory/password"
    as_owner "'$bin/initdb' -D '$directory/data' -U cartable --pwfile='$directory/password' --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --locale=C.UTF-8 >'$directory/initdb.log' 2>&1" ||
        { cat "$directory/initdb.log" >&2; fail "initdb failed (log above)"; }
    listen=127.0.0.1
    if [ -n "${CARTABLE_TEST_POSTGRES_LISTEN:-}" ]; then
        listen="127.0.0.1,$CARTABLE_TEST_POSTGRES_LISTEN"
        echo "host all all samenet scram-sha-256" >> "$directory/data/pg_hba.conf"
    fi
    port=$(free_port)
    options="-p $port -k '$directory/socket' -c listen_addresses=$listen -c max_connections=200 -c log_line_prefix=%m,%p,%d,%a: $ssl"
    as_owner "'$bin/pg_ctl' -D '$directory/data' -l '$directory/postgres.log' -w -t 60 -o \"$options\" start >/dev/null" ||
        { cat "$directory/postgres.log" >&2; fail "PostgreSQL did not start (log above)"; }
    mkdir -p "$state"
    echo "$options" > "$state/options"
    echo "$directory" > "$state/directory"
    echo "$bin" > "$state/bin"
    echo "postgres://cartable:$password@127.0.0.1:$port/postgres" > "$state/url"
    echo "cluster.sh: PostgreSQL started on 127.0.0.1:$port ($directory)" >&2
}

stop() {
    [ -f "$state/directory" ] || return 0
    directory=$(cat "$state/directory")
    bin=$(cat "$state/bin")
    if [ -d "$directory/data" ]; then
        as_owner "'$bin/pg_ctl' -D '$directory/data' -m fast -w stop >/dev/null 2>&1" || true
    fi
    # The server's log outlives the cluster, for a failed run's reader (the shared cluster's only).
    if [ "$state" = .build/test-postgres ] && [ -f "$directory/postgres.log" ]; then
        cp "$directory/postgres.log" .build/test-postgres.log 2>/dev/null || true
    fi
    rm -rf "$directory" "$state"
}

# Stops the cluster with a fast shutdown (open transactions rolled back, connections closed), keeps it down for
# $1 seconds (default 0), and starts it again on the same port.
restart() {
    [ -f "$state/directory" ] || fail "no cluster is running (cluster.sh start)"
    directory=$(cat "$state/directory")
    bin=$(cat "$state/bin")
    options=$(cat "$state/options")
    as_owner "'$bin/pg_ctl' -D '$directory/data' -m fast -w -t 60 stop >/dev/null" || fail "PostgreSQL did not stop"
    sleep "${1:-0}"
    as_owner "'$bin/pg_ctl' -D '$directory/data' -l '$directory/postgres.log' -w -t 60 -o \"$options\" start >/dev/null" ||
        { cat "$directory/postgres.log" >&2; fail "PostgreSQL did not start again (log above)"; }
}

case "${1:-}" in
    start) start ;;
    restart) restart "${2:-0}" ;;
    stop) stop ;;
    url) [ -f "$state/url" ] && cat "$state/url" || fail "no cluster is running (cluster.sh start)" ;;
    ca) [ -f "$state/directory" ] || fail "no cluster is running (cluster.sh start)"
        ca="$(cat "$state/directory")/ca.crt"
        if [ -f "$ca" ]; then echo "$ca"; fi ;;
    *) echo "usage: sh Tests/Postgres/cluster.sh start|url|ca|restart [SECONDS]|stop" >&2; exit 2 ;;
esac
