# Cartable — the two commands a fresh machine needs are `make demo` and `make test`.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
CARTABLE := .build/debug/cartable

.PHONY: all build test demo bench fuzz system-deps test-deps clean tlds emoji constituencies stage install uninstall deb dist test-install

all: build

# System libraries: libcurl (transport) and SQLite (outbox) headers; install them when they are missing.
system-deps:
	@command -v pkg-config >/dev/null || { echo "make: installing pkg-config"; $(SUDO) apt-get install -y -qq pkg-config; }
	@if ! pkg-config --exists libcurl 2>/dev/null || [ ! -f "$$(pkg-config --variable=includedir libcurl)/curl/curl.h" ]; then \
		echo "make: libcurl headers are missing; installing libcurl4-openssl-dev with apt-get"; \
		$(SUDO) apt-get install -y -qq libcurl4-openssl-dev >/dev/null 2>&1 || \
		{ $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libcurl4-openssl-dev; }; \
	fi
	@if ! pkg-config --exists sqlite3 2>/dev/null; then \
		echo "make: SQLite's headers are missing (the outbox needs them); installing libsqlite3-dev with apt-get"; \
		$(SUDO) apt-get install -y -qq libsqlite3-dev >/dev/null 2>&1 || \
		{ $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libsqlite3-dev; }; \
	fi

# What only the tests need: nginx and openssl (the TLS and HTTP/2 tests run a local nginx with a CA of their own),
# PostgreSQL's server programs (the shared outbox's tests run a private cluster, Tests/Postgres/cluster.sh), and
# python3's prometheus-client (the metrics tests read /metrics with its text-format parser).
test-deps: system-deps
	@if ! python3 -c 'import prometheus_client.parser' >/dev/null 2>&1; then \
		echo "make: installing prometheus-client for python3 (the metrics tests parse /metrics with it)"; \
		python3 -m pip install -q prometheus-client >/dev/null 2>&1 || \
		python3 -m pip install -q --break-system-packages prometheus-client >/dev/null 2>&1 || \
		$(SUDO) apt-get install -y -qq python3-prometheus-client >/dev/null 2>&1 || \
		{ $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-prometheus-client; }; \
	fi
	@if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		echo "make: PostgreSQL is missing (the shared outbox's tests run a private cluster); installing postgresql with apt-get"; \
		$(SUDO) apt-get install -y -qq postgresql >/dev/null 2>&1 || \
		{ $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq postgresql; }; \
	fi
	@if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ] || ! command -v openssl >/dev/null 2>&1; then \
		echo "make: nginx or openssl is missing (the TLS and HTTP/2 tests run a local nginx); installing them with apt-get"; \
		$(SUDO) apt-get install -y -qq nginx openssl >/dev/null 2>&1 || \
		{ $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq nginx openssl; }; \
	fi

build: system-deps
	$(SWIFT) build

# The tests run against a private PostgreSQL cluster (the shared outbox's suite), started here and stopped after,
# even when a test fails or the run is interrupted. Where it cannot start, its tests say they were skipped (CI fails).
test: test-deps
	$(SWIFT) build --build-tests
	@trap 'sh Tests/Postgres/cluster.sh stop' EXIT INT TERM; \
	if sh Tests/Postgres/cluster.sh start; then \
		CARTABLE_TEST_POSTGRES_URL="$$(sh Tests/Postgres/cluster.sh url)"; export CARTABLE_TEST_POSTGRES_URL; \
		CARTABLE_TEST_POSTGRES_CA="$$(sh Tests/Postgres/cluster.sh ca)"; export CARTABLE_TEST_POSTGRES_CA; \
	elif [ "$${CI:-}" = true ]; then \
		echo "make: PostgreSQL could not be started, and CI needs its tests"; exit 1; \
	else \
		echo "make: PostgreSQL could not be started (above); its tests will be skipped"; \
	fi; \
	$(SWIFT) test --skip-build

demo: build
	@sh docs/demo.sh $(CARTABLE)

# The PostgreSQL outbox's figures run on the tests' private cluster (Tests/Postgres/cluster.sh, in a state folder of
# its own), started here and stopped after; where it cannot start, the bench says those figures were skipped.
BENCH_POSTGRES_STATE := .build/bench-postgres
bench: system-deps
	@command -v wrk >/dev/null || { echo "make: installing wrk (the server benchmark's load generator) with apt-get"; \
		$(SUDO) apt-get install -y -qq wrk >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq wrk; }; }
	$(SWIFT) build -c release --product cartable-bench
	$(SWIFT) build -c release --product cartable
	@trap 'CARTABLE_TEST_POSTGRES_STATE=$(BENCH_POSTGRES_STATE) sh Tests/Postgres/cluster.sh stop' EXIT INT TERM; \
	if CARTABLE_TEST_POSTGRES_STATE=$(BENCH_POSTGRES_STATE) sh Tests/Postgres/cluster.sh start; then \
		CARTABLE_BENCH_POSTGRES_URL="$$(CARTABLE_TEST_POSTGRES_STATE=$(BENCH_POSTGRES_STATE) sh Tests/Postgres/cluster.sh url)"; \
		export CARTABLE_BENCH_POSTGRES_URL; \
	else \
		echo "make: PostgreSQL could not be started (above); its figures will be skipped"; \
	fi; \
	CARTABLE_BENCH_ONLY=length,compose,transport,outbox .build/release/cartable-bench
	@# The server's figures last, once the shell above has stopped the PostgreSQL cluster (its trap): its background
	@# work (checkpoints, autovacuum after a million rows) can take a share of the two cores the server and wrk share.
	CARTABLE_BENCH_ONLY=serve .build/release/cartable-bench

# Coverage-guided fuzzing (libFuzzer + AddressSanitizer) of every parser of outside input, FUZZ_SECONDS each
# (see Fuzz/run and docs/fuzzing.md). A separate package in Fuzz/, so the main build never sees the sanitizers.
FUZZ_SECONDS ?= 60
fuzz: system-deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) SWIFT=$(SWIFT) sh Fuzz/run

clean:
	rm -rf .build

# Installing (README, "Install"; docs/operations.md). `make stage` builds what is installed into STAGE: the binary
# (CONFIGURATION, release by default; the Swift runtime linked in with STATIC_STDLIB), a manual page per command,
# the bash, zsh and fish completions. `make install` copies them and the example campaigns and recipient lists under
# DESTDIR+PREFIX, listing what it created in share/cartable/install-manifest.txt; `make uninstall` removes exactly that.
CONFIGURATION ?= release
STATIC_STDLIB ?= --static-swift-stdlib
STAGE ?= .build/stage/$(CONFIGURATION)
STAGE_BUILD ?= .build/stage-build
PREFIX ?= /usr/local
DESTDIR ?=
INSTALL_VARIABLES = DESTDIR="$(DESTDIR)" PREFIX="$(PREFIX)" BINARY="$(STAGE)/bin/cartable" STAGE="$(STAGE)"

stage: system-deps
	SWIFT="$(SWIFT)" CONFIGURATION="$(CONFIGURATION)" STAGE="$(STAGE)" STAGE_BUILD="$(STAGE_BUILD)" STATIC_STDLIB="$(STATIC_STDLIB)" sh scripts/stage.sh

$(STAGE)/bin/cartable:
	$(MAKE) stage

install: $(STAGE)/bin/cartable
	$(INSTALL_VARIABLES) sh scripts/install.sh install

uninstall:
	$(INSTALL_VARIABLES) sh scripts/install.sh uninstall

# The Debian package of the staged build (dpkg-deb only): .build/deb/cartable_VERSION_ARCH.deb.
deb: $(STAGE)/bin/cartable
	CONFIGURATION="$(CONFIGURATION)" STAGE="$(STAGE)" sh scripts/make-deb.sh

# A source archive of HEAD whose VERSION file holds the version (export-subst, see .gitattributes): needs a release
# tag (vX.Y.Z) at or before HEAD, or VERSION would be empty.
dist:
	@git describe --tags --match 'v[0-9]*' >/dev/null 2>&1 || { echo "make dist: no release tag yet; tag one first: git tag v0.1.0"; exit 2; }
	mkdir -p .build
	git archive --format=tar.gz --prefix=cartable-$$(sh scripts/version.sh)/ -o .build/cartable-$$(sh scripts/version.sh).tar.gz HEAD
	@echo .build/cartable-$$(sh scripts/version.sh).tar.gz

# The install tests (Tests/Install/): the package installed into an empty root, then make install and uninstall.
# They package the debug build (a release build takes 20 minutes and more on a loaded machine).
test-install: system-deps
	CONFIGURATION=debug sh Tests/Install/deb-in-empty-root.sh
	CONFIGURATION=debug sh Tests/Install/install-uninstall.sh

# Regenerates the TLD lists from twitter-text's tld_lib.yml (the conformance fixture, Apache-2.0).
TLD_LIB := Tests/CartableTests/Fixtures/twitter-text/conformance/tld_lib.yml
tlds:
	awk 'BEGIN { print "// Generated by `make tlds` from the fixture Tests/CartableTests/Fixtures/twitter-text/conformance/tld_lib.yml"; print "// (twitter-text, Apache-2.0, see the LICENSE beside it). Do not edit: change the YAML and run `make tlds`.\n"; print "/// The top-level domains twitter-text recognises, in the order of `tld_lib.yml`."; print "///\n/// The order matters: twitter-text tries them as regex alternatives, so when one TLD is a prefix of"; print "/// another (`भारत` and `भारतम्`), the one listed first wins. `TopLevelDomainTable` keeps that order."; print "enum TopLevelDomains {" } /^[a-z]+:$$/ { if (open) print "    ]\n"; open = 1; name = substr($$0, 1, length($$0) - 1); print "    /// The `" name "` list of `tld_lib.yml`" (name == "country" ? ": country-code TLDs, IDN ones included." : ": generic TLDs, IDN ones included."); print "    static let " name ": [String] = [" } /^- / { value = substr($$0, 3); gsub(/\047/, "", value); print "        \"" value "\"," } END { print "    ]\n}" }' $(TLD_LIB) > Sources/Cartable/Length/TopLevelDomains.swift

# Regenerates the emoji sequences of the `twitter` profile from twitter-text's TwitterTextEmojiRegex.java (Apache-2.0;
# not kept in this repository: give its path, e.g. `make emoji EMOJI_REGEX=../twitter-text/java/src/main/java/com/twitter/twittertext/TwitterTextEmojiRegex.java`):
# scripts/emoji_sequences.py expands the regex into every sequence it matches, and with --check first proves that a
# longest-match scan over them finds what the regex finds.
emoji:
	@test -n "$(EMOJI_REGEX)" || { echo "make emoji: give the path of twitter-text's TwitterTextEmojiRegex.java: make emoji EMOJI_REGEX=PATH"; exit 2; }
	python3 scripts/emoji_sequences.py --check $(EMOJI_REGEX) > Sources/Cartable/Length/TwitterTextEmojiSequences.swift.tmp
	mv Sources/Cartable/Length/TwitterTextEmojiSequences.swift.tmp Sources/Cartable/Length/TwitterTextEmojiSequences.swift

# Regenerates the constituency tables compiled into the library (postcode, commune, arrondissement, consular post →
# seat) from the CSVs in Recipients/constituencies/ (see its README): one string literal per table.
CONSTITUENCY_TABLES := Sources/Cartable/Recipients/Constituencies/ConstituencyTables.swift
constituencies:
	python3 scripts/constituency_tables.py > $(CONSTITUENCY_TABLES).tmp
	mv $(CONSTITUENCY_TABLES).tmp $(CONSTITUENCY_TABLES)
