#!/bin/sh
# The supporter's way through `cartable serve` in headless Chromium driven by Selenium (supporter_flow.py): find
# Jérôme Guedj, read the message and its n/280 counter, another wording, an edit over the limit and fixed, the X
# link, a send through the campaign to a loopback webhook receiver, the satchel count; with and without JavaScript,
# once by keyboard alone, screenshots at 375 and 1280 px under .build/browser-screenshots/, no console error, and
# axe-core on every page (no serious or critical violation). Run after `make test` (CI does).
# Installs what is missing: Debian chromium and chromium-driver, PyPI selenium, and axe-core's axe.min.js taken
# from the PyPI wheel axe-playwright-python (that one file only, cached under .build/axe/).
set -eu
cd "$(dirname "$0")/../.."
CARTABLE=${CARTABLE:-.build/debug/cartable}
[ -x "$CARTABLE" ] || { echo "supporter-flow: $CARTABLE is missing; run make test (or swift build) first"; exit 2; }

SUDO=$([ "$(id -u)" = "0" ] || echo sudo)
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    echo "supporter-flow: installing chromium and chromium-driver with apt-get"
    $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1 ||
        { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null; }
fi

PYTHON=python3
# pip (and venv) for this Python: Debian's python3 comes without them.
if ! $PYTHON -m pip --version >/dev/null 2>&1; then
    echo "supporter-flow: installing python3-pip with apt-get"
    $SUDO apt-get install -y -qq python3-pip python3-venv >/dev/null 2>&1 ||
        { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq python3-pip python3-venv >/dev/null; }
fi
if ! $PYTHON -c 'import selenium' >/dev/null 2>&1; then
    echo "supporter-flow: installing selenium with pip"
    if ! $PYTHON -m pip install -q selenium >/dev/null 2>&1 &&
        ! $PYTHON -m pip install -q --break-system-packages selenium >/dev/null 2>&1; then
        # No pip for this Python, or one that refuses: a virtual environment of our own.
        [ -x .build/browser-venv/bin/python ] || $PYTHON -m venv .build/browser-venv
        .build/browser-venv/bin/python -m pip install -q selenium
        PYTHON=.build/browser-venv/bin/python
    fi
fi

AXE_JS=.build/axe/axe.min.js
if [ ! -s "$AXE_JS" ]; then
    echo "supporter-flow: fetching axe-core's axe.min.js from the PyPI wheel axe-playwright-python"
    mkdir -p .build/axe
    rm -rf .build/axe/wheel
    $PYTHON -m pip download -q --no-deps --only-binary :all: -d .build/axe/wheel axe-playwright-python
    $PYTHON - "$AXE_JS" .build/axe/wheel/*.whl <<'PY'
import sys, zipfile
target, wheel = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as archive:
    name = next(n for n in archive.namelist() if n.endswith('/axe.min.js'))
    open(target, 'wb').write(archive.read(name))
PY
    rm -rf .build/axe/wheel
fi

CARTABLE="$CARTABLE" AXE_JS="$AXE_JS" exec $PYTHON Tests/Browser/supporter_flow.py
