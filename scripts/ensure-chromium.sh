#!/bin/sh
# Test set-up (npm's `pretest`): the dashboard's browser tests drive Debian's chromium with
# playwright-core. Install it from Debian's packages when it is missing; CHROMIUM_PATH points
# the tests at another build instead.
set -e
if [ -n "${CHROMIUM_PATH:-}" ] || command -v chromium >/dev/null 2>&1; then exit 0; fi
echo "[mockchat] chromium is missing: installing Debian's chromium for the browser tests" >&2
if [ "$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
  echo "[mockchat] cannot install chromium (not root, no sudo): install the 'chromium' package or set CHROMIUM_PATH" >&2
  exit 1
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
command -v chromium >/dev/null
