#!/usr/bin/env bash
# Fuzzes the API from its own OpenAPI document with schemathesis: the whole stack as
# `npm start` runs it (dev server, worker, API) on a throw-away data directory, one pass per
# role with that role's bearer token. Fails if any request is answered with a 5xx (or the
# API stops answering), and prints how many requests were generated and how many failed.
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

# The roles that can call most routes; each pass also meets the 403s of the routes it may not.
roles=(business-manager safeguarding-lead partner-representative panel-liaison independent-chair)
total=0
failed=0
rows=""
for role in "${roles[@]}"; do
  extra=()
  [ "$role" = partner-representative ] && extra=(--partner durham-constabulary)
  token=$(node_modules/.bin/tsx src/main/cli.ts token --role "$role" --partnership durham --partnership dudley \
    --user "fuzz-$role" "${extra[@]}")
  say "$role: fuzzing every operation, $examples examples each"
  report="$work/report-$role"
  set +e
  (cd "$work" && "$st" --no-color run "$api/api/openapi.json" --url "$api" \
    --header "Authorization: Bearer $token" \
    --checks not_a_server_error \
    --max-examples "$examples" \
    --phases examples,coverage,fuzzing \
    --suppress-health-check all \
    --generation-database none \
    --report har --report-dir "$report" \
    --workers 2) >"$work/st-$role.log" 2>&1
  rc=$?
  set -e
  # Counted from the HAR of every request sent, by status: a 5xx (or no answer) is a failure.
  requests=$(node -e '
    const fs = require("fs"), dir = process.argv[1];
    let n = 0, bad = 0; const byStatus = {};
    for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
      const har = JSON.parse(fs.readFileSync(`${dir}/${f}`, "utf8"));
      for (const e of har.log.entries) {
        n++; const s = e.response.status; byStatus[s] = (byStatus[s] ?? 0) + 1;
        if (s >= 500 || s === 0) bad++;
      }
    }
    console.log(`${n} ${bad} ${Object.entries(byStatus).map(([s, c]) => `${s}:${c}`).join(",")}`);
  ' "$report")
  read -r n bad statuses <<<"$requests"
  total=$((total + n))
  failed=$((failed + bad))
  rows+="| $role | $n | $bad | ${statuses//,/ } |"$'\n'
  say "$role: $n requests, $bad answered 5xx (schemathesis exit $rc); by status: $statuses"
  if [ "$rc" -ne 0 ] || [ "$bad" -ne 0 ]; then
    # The errors come before the warnings and the summary: show enough to include them.
    tail -n 200 "$work/st-$role.log" >&2
    [ "$bad" -ne 0 ] || say "$role: schemathesis failed without a 5xx; see above"
    failed=$((failed + (bad == 0 ? 1 : 0)))
  fi
done

curl -fsS "$api/readyz" >/dev/null || { say "the API stopped answering"; failed=$((failed + 1)); }
say "total: $total generated requests, $failed failures"

if $record; then
  cat >FUZZING.md <<EOF
# API fuzzing

\`scripts/fuzz-api.sh --examples $examples --record\` on $(date -u +%Y-%m-%d): schemathesis $("$st" --version | awk '{print $NF}')
against the OpenAPI document the API serves (\`/api/openapi.json\`), on the whole stack as
\`npm start\` runs it (Temporal dev server, worker, API), one pass per role
(${roles[*]}), $examples examples per operation, the examples, coverage and fuzzing phases.

| Role | Generated requests | Answered 5xx or unanswered | Answers by status |
| ---- | -----------------: | -------------------------: | ----------------- |
${rows}| **all** | **$total** | **$failed** | |

Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), node $(node -v).
EOF
  node_modules/.bin/prettier --log-level warn --write FUZZING.md
  say "wrote FUZZING.md"
fi
[ "$failed" -eq 0 ]
