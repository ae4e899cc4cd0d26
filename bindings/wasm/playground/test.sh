#!/usr/bin/env bash
# Browser test of the playground: builds dist/, serves it on 127.0.0.1 (a free port) with
# python3 -m http.server and drives the system's headless Chromium with playwright-core
# (installed from npm into test/; Chromium from Debian's `chromium` package, installed with
# apt-get when missing). Screenshots of each step go to test-output/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

bash "$here/build.sh"

echo "== playground test: unit tests of the page's helpers"
node --test "$here/test/state.test.mjs"

chromium_bin="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [[ -z "$chromium_bin" ]]; then
  echo "== playground test: installing chromium (apt-get)"
  sudo_=""
  [[ "$(id -u)" -ne 0 ]] && sudo_="sudo"
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq chromium >/dev/null
  chromium_bin="$(command -v chromium)"
fi

echo "== playground test: installing playwright-core (npm)"
(cd "$here/test" && npm ci --no-audit --no-fund --loglevel=error)

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$here/dist" >"$here/test-server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/')" 2>/dev/null && break
  sleep 0.1
done

rm -rf "$here/test-output"
mkdir -p "$here/test-output"
echo "== playground test: chromium $("$chromium_bin" --version 2>/dev/null | head -1) at http://127.0.0.1:$port/"
BASE_URL="http://127.0.0.1:$port/" CHROMIUM="$chromium_bin" OUT_DIR="$here/test-output" \
  timeout 300 node "$here/test/playground.test.mjs"
