#!/usr/bin/env bash
# Records the history of every case the workflow tests start, for the replay test.
# usage: scripts/record-histories.sh LABEL [TEST FILE...]   (e.g. v3; see "Changing a workflow"
# in README.md). With test files, only their cases are recorded: the new paths of a change.
set -euo pipefail
label="${1:-}"
shift || true
if [[ ! "$label" =~ ^[a-z0-9][a-z0-9.-]*$ ]]; then
  echo "usage: scripts/record-histories.sh LABEL  (lower-case, e.g. v2)" >&2
  exit 2
fi
cd "$(dirname "$0")/.."
if [[ -d "tests/fixtures/histories/$label" ]]; then
  echo "tests/fixtures/histories/$label exists: histories already recorded are kept, pick a new label" >&2
  exit 2
fi
# The replay test itself is left out: it would read the folder while it is being written.
RECORD_HISTORIES="$label" npx vitest run --project workflow --exclude tests/workflow/replay.test.ts "$@"
echo "recorded $(ls "tests/fixtures/histories/$label" | wc -l) histories in tests/fixtures/histories/$label" >&2
