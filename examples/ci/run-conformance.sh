#!/bin/sh
# Run session-conformance against your server, in any CI or by hand: start the server, wait
# until it answers, run the suite, stop the server, and exit with the suite's exit code
# (0 conformant, 1 a MUST failed, 2 the server or target file is unusable, 3 nothing ran,
# 4 some requirement could not be judged). Arguments are passed on to session-conformance,
# e.g. `run-conformance.sh --strict`.
#
#   SERVER_COMMAND       how to start your server             (default: npm start)
#   SERVER_URL           a page that answers once it is up    (default: http://127.0.0.1:8080/)
#   TARGET               your target file; `npx session-conformance init` writes one
#                                                             (default: target.jsonc)
#   REPORT_DIR           results.json, junit.xml, HTML report, transcripts and the
#                        server's output (server.log)         (default: conformance-report)
#   WAIT_SECONDS         how long the server may take to start (default: 60)
#   SESSION_CONFORMANCE  how to run the suite                 (default: npx --no-install session-conformance)
set -eu
SERVER_COMMAND=${SERVER_COMMAND:-npm start}
SERVER_URL=${SERVER_URL:-http://127.0.0.1:8080/}
TARGET=${TARGET:-target.jsonc}
REPORT_DIR=${REPORT_DIR:-conformance-report}
WAIT_SECONDS=${WAIT_SECONDS:-60}
SESSION_CONFORMANCE=${SESSION_CONFORMANCE:-npx --no-install session-conformance}

# `exec` makes the server (or npm, which passes signals on to it) the process we stop at the
# end; its output goes to the report folder, so the CI job keeps it next to the reports.
mkdir -p "$REPORT_DIR"
sh -c "exec $SERVER_COMMAND" > "$REPORT_DIR/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT INT TERM

# Wait for the server with Node itself (there is no curl in many CI images).
waited=0
until node -e 'fetch(process.argv[1]).then((r) => process.exit(r.status < 500 ? 0 : 1), () => process.exit(1))' "$SERVER_URL"; do
  if ! kill -0 "$server" 2>/dev/null; then echo "run-conformance: the server exited before answering at $SERVER_URL (see $REPORT_DIR/server.log)" >&2; exit 2; fi
  waited=$((waited + 1))
  if [ "$waited" -ge "$WAIT_SECONDS" ]; then echo "run-conformance: no answer from $SERVER_URL within $WAIT_SECONDS s" >&2; exit 2; fi
  sleep 1
done

status=0
$SESSION_CONFORMANCE --target "$TARGET" --report "$REPORT_DIR" "$@" || status=$?
exit "$status"
