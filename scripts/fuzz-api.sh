#!/usr/bin/env bash
# Fuzzes the API from its own OpenAPI document with schemathesis: the whole stack as
# `npm start` runs it (dev server, worker, API) on a throw-away data directory, one pass per
# role with that role's bearer token. Fails if any request is answered with a 5xx (or the
# API stops answering), and prints how many requests were generated and how many failed.
# An error of the fuzzer's own (schemathesis or hypothesis raising, with every request
# answered and none 5xx) is printed apart and that role's pass runs again, up to 3 times.
#
# usage: scripts/fuzz-api.sh [--examples N] [--record]
#   --examples N  examples per operation and role in the fuzzing phase (default 10)
#   --record      also write the figures to FUZZING.md
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

examples=10
record=false
while [ $# -gt 0 ]; do
  case "$1" in
    --examples) examples="${2:-}"; shift 2 ;;
    --record) record=true; shift ;;
    *) echo "usage: scripts/fuzz-api.sh [--examples N] [--record]" >&2; exit 2 ;;
  esac
done
[[ "$examples" =~ ^[1-9][0-9]*$ ]] || { echo "fuzz-api: --examples must be a positive whole number" >&2; exit 2; }

say() { printf '[fuzz] %s\n' "$*" >&2; }
st=$(bash scripts/toolchain.sh schemathesis)
bash scripts/toolchain.sh temporal-cli >/dev/null

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
work=$(mktemp -d)
export DATA_DIR="$work/data"
export PORT=$(free_port) TEMPORAL_DEV_PORT=$(free_port) TEMPORAL_UI_PORT=$(free_port)
export RATE_LIMIT_PER_MINUTE=1000000 LOG_LEVEL=warn
# The fuzzer judges answers, not speed: on a loaded machine a 5 s deadline on Temporal calls
# would turn slow answers into 503s that say nothing about the API's handling of its input.
export TEMPORAL_CALL_TIMEOUT_SECONDS=30 DECISION_WAIT_SECONDS=30
export TEMPORAL_CLI="$root/.tools/bin/temporal"
api="http://127.0.0.1:$PORT"

say "starting the stack on $api (data in $DATA_DIR)"
node_modules/.bin/tsx src/main/start.ts >"$work/stack.log" 2>&1 &
stack=$!
stop() {
  kill -INT "$stack" 2>/dev/null && wait "$stack" 2>/dev/null || true
  rm -rf "$work"
}
trap stop EXIT
for _ in $(seq 1 240); do
  curl -fsS "$api/readyz" >/dev/null 2>&1 && break
  kill -0 "$stack" 2>/dev/null || { cat "$work/stack.log" >&2; say "the stack did not start"; exit 1; }
  sleep 0.5
done
curl -fsS "$api/readyz" >/dev/null || { say "the API did not become ready"; exit 1; }

# Threads are safe only on a Python whose AST constructor counts recursion per call (3.12+);
# on 3.11 two threads describing hypothesis lambdas at once can raise a SystemError (CPython
# issue 106905), so there schemathesis runs on one. See scripts/toolchain.sh.
workers=1
"$(dirname "$(readlink -f "$st")")/python" -c 'import sys; sys.exit(sys.version_info < (3, 12))' && workers=2

# The roles that can call most routes; each pass also meets the 403s of the routes it may not.
roles=(business-manager safeguarding-lead partner-representative panel-liaison independent-chair)
attempts=3 # per role, counting only passes that the fuzzer itself spoiled
total=0
total_bad=0
failed=0
reruns=0
rows=""
for role in "${roles[@]}"; do
  extra=()
  [ "$role" = partner-representative ] && extra=(--partner durham-constabulary)
  token=$(node_modules/.bin/tsx src/main/cli.ts token --role "$role" --partnership durham --partnership dudley \
    --user "fuzz-$role" "${extra[@]}")
  for attempt in $(seq 1 "$attempts"); do
    say "$role: fuzzing every operation, $examples examples each, $workers worker(s)$([ "$attempt" -gt 1 ] && echo ", attempt $attempt")"
    report="$work/report-$role"
    rm -rf "$report"
    set +e
    (cd "$work" && "$st" --no-color run "$api/api/openapi.json" --url "$api" \
      --header "Authorization: Bearer $token" \
      --checks not_a_server_error \
      --max-examples "$examples" \
      --phases examples,coverage,fuzzing \
      --suppress-health-check all \
      --generation-database none \
      --report har,ndjson --report-dir "$report" \
      --workers "$workers") >"$work/st-$role.log" 2>&1
    rc=$?
    set -e
    # Every request sent, by status, from the HAR; the API's failures (a 5xx, no answer, a
    # failed check) told apart from the fuzzer's own errors, from the NDJSON events.
    read -r n bad api_failures fuzzer_errors statuses < <(node_modules/.bin/tsx scripts/fuzz-outcome.ts \
      "$report" "$rc" 2>"$work/outcome-$role.txt")
    rm -rf "$report"
    [[ "$n $bad $api_failures $fuzzer_errors" =~ ^[0-9]+\ [0-9]+\ [0-9]+\ [0-9]+$ ]] \
      || { cat "$work/outcome-$role.txt" >&2; say "$role: could not read schemathesis's reports"; exit 1; }
    say "$role: $n requests, $bad answered 5xx or not at all (schemathesis exit $rc); by status: $statuses"
    cat "$work/outcome-$role.txt" >&2
    if [ "$api_failures" -ne 0 ]; then
      # The errors come before the warnings and the summary: show enough to include them.
      say "$role: schemathesis's log:"
      tail -n 200 "$work/st-$role.log" >&2
      say "$role: FAILED: $api_failures failure(s) of the API, listed above"
      failed=$((failed + api_failures))
      break
    fi
    if [ "$fuzzer_errors" -ne 0 ]; then
      say "$role: schemathesis's log (end):"
      tail -n 60 "$work/st-$role.log" >&2
      if [ "$attempt" -lt "$attempts" ]; then
        say "$role: the fuzzer itself erred, not the API (no 5xx, every request answered): running this role again"
        reruns=$((reruns + 1))
        continue
      fi
      say "$role: FAILED: the fuzzer erred on each of $attempts attempts"
      failed=$((failed + 1))
    fi
    break
  done
  total=$((total + n))
  total_bad=$((total_bad + bad))
  rows+="| $role | $n | $bad | ${statuses//,/ } |"$'\n'
done

curl -fsS "$api/readyz" >/dev/null || { say "the API stopped answering"; failed=$((failed + 1)); }
say "total: $total generated requests, $failed failures; $reruns pass(es) run again after an error of the fuzzer's own"

if $record; then
  cat >FUZZING.md <<EOF
# API fuzzing

\`scripts/fuzz-api.sh --examples $examples --record\` on $(date -u +%Y-%m-%d): schemathesis $("$st" --version | awk '{print $NF}')
against the OpenAPI document the API serves (\`/api/openapi.json\`), on the whole stack as
\`npm start\` runs it (Temporal dev server, worker, API), one pass per role
(${roles[*]}), $examples examples per operation, the examples, coverage and fuzzing phases.

| Role | Generated requests | Answered 5xx or unanswered | Answers by status |
| ---- | -----------------: | -------------------------: | ----------------- |
${rows}| **all** | **$total** | **$total_bad** | |

Passes run again after an error of the fuzzer's own: $reruns. Python $("$(dirname "$(readlink -f "$st")")/python" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])'), $workers schemathesis worker(s).

A pass fails on any answer 5xx, any request left unanswered (a network error, a time-out,
the API gone) and any failed check: those are the API's. An error schemathesis or
hypothesis raises of its own, with every request answered and none 5xx, is the fuzzer's:
it is printed under its own heading and that role's pass runs again, up to 3 times. One
such error was CPython 3.11's \`SystemError: AST constructor recursion depth mismatch\`
(CPython issue 106905), raised when two threads parse at once; \`scripts/toolchain.sh\`
therefore installs schemathesis on Python 3.12 or later when the machine has one
(\`FUZZ_PYTHON\` names one), and on 3.11 the script runs it on one thread.

Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), node $(node -v).
EOF
  node_modules/.bin/prettier --log-level warn --write FUZZING.md
  say "wrote FUZZING.md"
fi
[ "$failed" -eq 0 ]
