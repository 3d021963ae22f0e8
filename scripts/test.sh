#!/usr/bin/env bash
# The test command (`npm test`): lint, typecheck, build, unit + integration (vitest), end to end
# (Playwright in Debian's Chromium), inside a D-Bus session with an unlocked gnome-keyring so that
# keychain tests use a real Secret Service. Ends with one line: "N passed, N failed (S s)".
set -uo pipefail
cd "$(dirname "$0")/.."

if [ -z "${SWITCHYARD_TEST_SESSION:-}" ] && command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
  export SWITCHYARD_TEST_SESSION=1
  # The daemon keeps its keyring in a folder of this run's own: two runs side by side would
  # otherwise share ~/.local/share/keyrings and overwrite each other's saved keys.
  SWITCHYARD_KEYRING_HOME=$(mktemp -d)
  export SWITCHYARD_KEYRING_HOME
  trap 'rm -rf "$SWITCHYARD_KEYRING_HOME"' EXIT
  dbus-run-session -- sh -c 'printf x | XDG_DATA_HOME="$SWITCHYARD_KEYRING_HOME" gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec bash scripts/test.sh "$@"' sh "$@"
  exit $?
fi

SECONDS=0
passed=0
failed=0
failures=()

step() {
  local name=$1 started=$SECONDS status
  shift
  echo
  echo "━━ $name"
  "$@"
  status=$?
  echo "━━ $name: $((SECONDS - started)) s"
  return $status
}

# Steps that are not test runners count as one check each.
check() {
  local name=$1
  shift
  if step "$name" "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    failures+=("$name")
  fi
}

count_json() {
  # $1: file, $2: node expression over `r` printing "passed failed"
  node -e "const fs=require('fs');try{const r=JSON.parse(fs.readFileSync('$1','utf8'));console.log($2)}catch{console.log('0 1')}"
}

# Lint, the three typechecks and the build are independent and mostly single-threaded: run them
# side by side and print each one's output whole, in order, when all are done.
static_dir=$(mktemp -d)
run_static() {
  local name=$1
  shift
  ( "$@" >"$static_dir/$name.log" 2>&1; echo $? >"$static_dir/$name.rc" ) &
}
run_static lint npm run --silent lint
# Three projects (package.json's typecheck runs them one after another): everything (tests and
# tools need Node and the DOM), the host with Node's types only, the renderer with the DOM's only.
run_static typecheck npm run --silent typecheck:all
run_static typecheck-host npm run --silent typecheck:host
run_static typecheck-renderer npm run --silent typecheck:renderer
run_static build npm run --silent build
static_started=$SECONDS
wait
echo "lint, typecheck and build side by side: $((SECONDS - static_started)) s"
for name in lint typecheck typecheck-host typecheck-renderer build; do
  check "$name" sh -c "cat '$static_dir/$name.log'; exit \$(cat '$static_dir/$name.rc')"
done
rm -rf "$static_dir"

# The real Claude Code, Gemini CLI and Kilo for tests/integration/providers/cli-real.test.ts: a
# cache folder outside node_modules, downloaded once per pinned set (tests/real-clis/).
check "real CLIs for the CLI provider tests" node scripts/install-real-clis.mjs

rm -f .vitest-results.json .playwright-results.json
step "unit and integration tests (vitest)" npx vitest run --reporter=default --reporter=json --outputFile.json=.vitest-results.json
vitest_status=$?
read -r vp vf < <(count_json .vitest-results.json 'r.numPassedTests+" "+(r.numFailedTests+(r.numRuntimeErrorTestSuites??0)+(r.success?0:(r.numFailedTests?0:1)))')
passed=$((passed + vp))
failed=$((failed + vf))
[ "$vitest_status" -eq 0 ] || failures+=("vitest")

check "Electron security scan (electronegativity)" node scripts/electronegativity.mjs

step "end-to-end tests (Playwright, Chromium)" npx playwright test
e2e_status=$?
read -r ep ef < <(count_json .playwright-results.json '(r.stats.expected+r.stats.flaky)+" "+(r.stats.unexpected+(r.errors?.length??0))')
passed=$((passed + ep))
failed=$((failed + ef))
[ "$e2e_status" -eq 0 ] || failures+=("playwright")

echo
if [ ${#failures[@]} -gt 0 ]; then
  echo "Failed: ${failures[*]}"
  [ "$failed" -gt 0 ] || failed=1
fi
echo "$passed passed, $failed failed (${SECONDS} s)"
[ "$failed" -eq 0 ]
