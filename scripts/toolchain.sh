#!/usr/bin/env bash
# Installs what this project runs and tests against, from official sources:
#   temporal-cli   the Temporal CLI (dev server on SQLite), built with `go install`
#   test-server    the Java time-skipping test server, resolved by Maven
#   chromium       Debian's Chromium, for the dashboard's browser tests (apt)
#   schemathesis   the API fuzzer, from PyPI into its own virtualenv (scripts/fuzz-api.sh)
#   temporal-server  the full Temporal server and its SQL schema tool, built with `go install`,
#                  with the PostgreSQL schema (scripts/production-local.ts)
#   postgresql     Debian's PostgreSQL server (apt); prints its bin directory
# Usage: scripts/toolchain.sh temporal-cli|test-server|chromium|schemathesis|temporal-server|postgresql|all
# Prints progress on stderr and, for a single tool, the path of its executable on stdout.
# Idempotent: results are kept in .tools/ and in a per-user cache keyed by version, so a
# fresh clone on the same machine does not rebuild. An environment variable naming an
# existing executable (TEMPORAL_CLI, TEMPORAL_TEST_SERVER) skips the install altogether.
set -euo pipefail

TEMPORAL_CLI_VERSION=1.5.1       # the last release that `go install` can build by version
TEMPORAL_SERVER_VERSION=1.29.1   # the server that CLI embeds; `go install` leaves the CLI's own version unstamped
TEST_SERVER_VERSION=1.38.0       # must match scripts/test-server/pom.xml
SCHEMATHESIS_VERSION=4.32.5

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tools="$root/.tools"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/case-review-orchestrator"

say() { printf '[toolchain] %s\n' "$*" >&2; }
need() { command -v "$1" >/dev/null 2>&1 || { say "$1 is required but not on PATH: $2"; exit 1; }; }

# Links $2 to $1 unless it already points there.
link() { mkdir -p "$(dirname "$2")"; [ "$(readlink "$2" 2>/dev/null)" = "$1" ] || ln -sfn "$1" "$2"; }

temporal_cli() {
  if [ -n "${TEMPORAL_CLI:-}" ]; then
    [ -x "$TEMPORAL_CLI" ] || { say "TEMPORAL_CLI=$TEMPORAL_CLI is not an executable"; exit 1; }
    echo "$TEMPORAL_CLI"; return
  fi
  local dir="$cache/temporal-cli-$TEMPORAL_CLI_VERSION" exe
  exe="$dir/temporal"
  if [ ! -x "$exe" ]; then
    need go "install Go 1.22 or later"
    say "building the Temporal CLI v$TEMPORAL_CLI_VERSION with go install (first time: about 5-10 minutes on 2 cores)"
    local started=$SECONDS
    mkdir -p "$dir"
    GOBIN="$dir" go install "github.com/temporalio/cli/cmd/temporal@v$TEMPORAL_CLI_VERSION" >&2
    say "built in $((SECONDS - started))s"
  fi
  "$exe" --version | grep -q "Server $TEMPORAL_SERVER_VERSION" || { say "$exe does not embed server $TEMPORAL_SERVER_VERSION"; exit 1; }
  link "$exe" "$tools/bin/temporal"
  say "Temporal CLI: $("$exe" --version | head -n 1)"
  echo "$tools/bin/temporal"
}

test_server() {
  if [ -n "${TEMPORAL_TEST_SERVER:-}" ]; then
    [ -x "$TEMPORAL_TEST_SERVER" ] || { say "TEMPORAL_TEST_SERVER=$TEMPORAL_TEST_SERVER is not an executable"; exit 1; }
    echo "$TEMPORAL_TEST_SERVER"; return
  fi
  local dir="$cache/temporal-test-server-$TEST_SERVER_VERSION"
  local launcher="$dir/temporal-test-server"
  if [ ! -f "$dir/lib/.complete" ]; then
    need mvn "install Maven 3"
    need java "install a Java 11+ runtime"
    say "fetching the Java time-skipping test server $TEST_SERVER_VERSION from Maven Central (first time: about 1 minute)"
    local started=$SECONDS
    rm -rf "$dir/lib"
    mkdir -p "$dir/lib"
    mvn -B -q -f "$root/scripts/test-server/pom.xml" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$dir/lib" >&2
    touch "$dir/lib/.complete"
    say "fetched in $((SECONDS - started))s"
  fi
  # `exec` matters: the SDK stops the server by killing the pid it spawned, so the JVM must
  # be that pid. The JVM flags shorten start-up, which the SDK gives only a few seconds.
  cat >"$launcher.tmp" <<LAUNCHER
#!/usr/bin/env bash
exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -cp '$dir/lib/*' io.temporal.testserver.TestServer "\$@"
LAUNCHER
  chmod +x "$launcher.tmp"
  mv "$launcher.tmp" "$launcher"
  link "$launcher" "$tools/bin/temporal-test-server"
  say "time-skipping test server: $TEST_SERVER_VERSION"
  echo "$tools/bin/temporal-test-server"
}

chromium() {
  if [ -n "${CHROMIUM:-}" ]; then
    [ -x "$CHROMIUM" ] || { say "CHROMIUM=$CHROMIUM is not an executable"; exit 1; }
    echo "$CHROMIUM"; return
  fi
  local exe=/usr/bin/chromium
  if [ ! -x "$exe" ]; then
    local sudo=""
    [ "$(id -u)" = 0 ] || { need sudo "install Debian's chromium package, or set CHROMIUM"; sudo="sudo"; }
    say "installing Debian's chromium for the browser tests (first time: under a minute)"
    local started=$SECONDS
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q chromium >&2 \
      || { $sudo apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q chromium >&2; }
    say "installed in $((SECONDS - started))s"
  fi
  link "$exe" "$tools/bin/chromium"
  say "Chromium: $("$exe" --version 2>/dev/null | head -n 1)"
  echo "$tools/bin/chromium"
}

# The Python schemathesis runs on. CPython 3.11 keeps the AST constructor's recursion count per
# interpreter, not per call, so two threads parsing at once (schemathesis's workers, hypothesis
# describing a lambda) can raise "SystemError: AST constructor recursion depth mismatch"
# (CPython issue 106905): a fuzzer error that has nothing to do with the API. 3.12 and later
# count per call. So: FUZZ_PYTHON if set, else the newest 3.12+ on PATH or under pyenv, else
# python3 (then scripts/fuzz-api.sh runs schemathesis on one thread).
fuzz_python() {
  local candidate
  for candidate in "${FUZZ_PYTHON:-}" python3.14 python3.13 python3.12 \
    $(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do
    [ -n "$candidate" ] || continue
    if "$candidate" -c 'import sys, venv; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then
      command -v "$candidate"; return
    fi
    [ "$candidate" != "${FUZZ_PYTHON:-}" ] || { say "FUZZ_PYTHON=$FUZZ_PYTHON is not a Python 3.12+ with venv"; exit 1; }
  done
  need python3 "install Python 3.9 or later with venv"
  command -v python3
}

schemathesis() {
  local python version dir
  python=$(fuzz_python)
  version=$("$python" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')
  dir="$cache/schemathesis-$SCHEMATHESIS_VERSION-py$version"
  if [ ! -x "$dir/bin/st" ] || [ ! -f "$dir/.complete" ]; then
    say "installing schemathesis $SCHEMATHESIS_VERSION from PyPI on Python $version (first time: under a minute)"
    local started=$SECONDS
    rm -rf "$dir"
    "$python" -m venv "$dir" >&2
    "$dir/bin/pip" install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" >&2
    touch "$dir/.complete"
    say "installed in $((SECONDS - started))s"
  fi
  link "$dir/bin/st" "$tools/bin/schemathesis"
  say "schemathesis: $("$dir/bin/st" --version 2>/dev/null | head -n 1) on Python $version"
  echo "$tools/bin/schemathesis"
}

temporal_server() {
  local dir="$cache/temporal-server-$TEMPORAL_SERVER_VERSION"
  if [ ! -f "$dir/.complete" ]; then
    need go "install Go 1.22 or later"
    say "building the Temporal server v$TEMPORAL_SERVER_VERSION and its SQL tool with go install (first time: several minutes)"
    local started=$SECONDS
    mkdir -p "$dir"
    GOBIN="$dir" go install "go.temporal.io/server/cmd/server@v$TEMPORAL_SERVER_VERSION" \
      "go.temporal.io/server/cmd/tools/sql@v$TEMPORAL_SERVER_VERSION" >&2
    # The schema ships in the module, not in the binaries.
    local module
    module=$(go env GOMODCACHE)/go.temporal.io/server@v$TEMPORAL_SERVER_VERSION
    rm -rf "$dir/schema"
    cp -r "$module/schema/postgresql/v12" "$dir/schema"
    chmod -R u+w "$dir/schema"
    touch "$dir/.complete"
    say "built in $((SECONDS - started))s"
  fi
  link "$dir/server" "$tools/bin/temporal-server"
  link "$dir/sql" "$tools/bin/temporal-sql-tool"
  link "$dir/schema" "$tools/temporal-schema/postgresql"
  say "Temporal server: $("$dir/server" --version)"
  echo "$tools/bin/temporal-server"
}

postgresql() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    local sudo=""
    [ "$(id -u)" = 0 ] || { need sudo "install Debian's postgresql package"; sudo="sudo"; }
    say "installing Debian's postgresql (first time: under a minute)"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q postgresql >&2 \
      || { $sudo apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q postgresql >&2; }
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  say "PostgreSQL: $("$bin/postgres" --version)"
  echo "$bin"
}

case "${1:-all}" in
  temporal-cli) temporal_cli ;;
  test-server) test_server ;;
  chromium) chromium ;;
  schemathesis) schemathesis ;;
  temporal-server) temporal_server ;;
  postgresql) postgresql ;;
  all) temporal_cli >/dev/null; test_server >/dev/null; chromium >/dev/null ;;
  *) say "usage: $0 temporal-cli|test-server|chromium|schemathesis|temporal-server|postgresql|all"; exit 2 ;;
esac
