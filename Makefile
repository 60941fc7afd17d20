# Cartable — the two commands a fresh machine needs are `make demo` and `make test`.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
CARTABLE := .build/debug/cartable

.PHONY: all build test demo bench system-deps clean tlds

all: build

# libcurl's headers are the one system dependency; install them when they are missing.
system-deps:
	@command -v pkg-config >/dev/null || { echo "make: installing pkg-config"; $(SUDO) apt-get install -y -qq pkg-config; }
	@if ! pkg-config --exists libcurl 2>/dev/null || [ ! -f "$$(pkg-config --variable=includedir libcurl)/curl/curl.h" ]; then \
		echo "make: libcurl headers are missing; installing libcurl4-openssl-dev with apt-get"; \
		$(SUDO) apt-get install -y -qq libcurl4-openssl-dev >/dev/null 2>&1 || \
		{ $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libcurl4-openssl-dev; }; \
	fi

build: system-deps
	$(SWIFT) build

test: system-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

demo: build
	@sh docs/demo.sh $(CARTABLE)

bench: system-deps
	$(SWIFT) build -c release --product cartable-bench
	$(SWIFT) build -c release --product cartable
	.build/release/cartable-bench

clean:
	rm -rf .build
