#!/usr/bin/env bash
# Checks the live API against its OpenAPI document with schemathesis: starts
# `jinjibu serve --demo` on a private JINJIBU_HOME (its own embedded PostgreSQL), creates a
# user and an API token, lets schemathesis generate requests for every operation, and stops
# the server. Fails on any 5xx and on any response that does not match the document.
#
#   pip install schemathesis      # once
#   scripts/schemathesis.sh       # ROLE=secretariat, MAX_EXAMPLES=N and PORT=P are optional
set -euo pipefail
cd "$(dirname "$0")/.."

# A free port of the loopback unless PORT says which: another checkout's server may be running.
PORT="${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then
    echo "port $PORT is already in use" >&2
    exit 2
fi
ROLE="${ROLE:-admin}"
MAX_EXAMPLES="${MAX_EXAMPLES:-30}"
WORK="$(mktemp -d /tmp/jinjibu-schemathesis-XXXXXX)"
export JINJIBU_HOME="$WORK/home"
unset DATABASE_URL

command -v schemathesis >/dev/null || { echo "schemathesis is not installed: pip install schemathesis" >&2; exit 2; }
swift build --product jinjibu >&2
BIN="$(swift build --show-bin-path)/jinjibu"

# The embedded cluster is started and stopped by each command, so the account comes first.
SCOPE=()
case "$ROLE" in
    admin) ;;
    secretariat|viewer) SCOPE=(--consortium tsubame) ;;
    bureau) SCOPE=(--bureau kanto) ;;
    *) echo "ROLE is admin, bureau, secretariat or viewer" >&2; exit 2 ;;
esac
if [ "$ROLE" != admin ]; then
    # The demo consortium must exist before a secretariat or viewer can be tied to it.
    "$BIN" serve --demo --port "$PORT" >"$WORK/demo.log" 2>&1 &
    DEMO=$!
    for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break; sleep 1; done
    kill -TERM "$DEMO"; wait "$DEMO" || true
fi
head -c 32 /dev/urandom | base64 | "$BIN" user add schemathesis --role "$ROLE" "${SCOPE[@]}" --password-stdin >&2
TOKEN="$("$BIN" token create --user schemathesis --name schemathesis --expires-in-days 1 2>/dev/null)"

"$BIN" serve --demo --port "$PORT" >"$WORK/serve.log" 2>&1 &
SERVER=$!
cleanup() {
    kill -TERM "$SERVER" 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
    kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/serve.log" >&2; exit 1; }
    sleep 1
done

# Checks: no server errors, and status codes, content types, headers and bodies as documented.
# Also sends invalid data and expects it refused. Not run: positive_data_acceptance (the
# document cannot express check digits, so schema-valid corporate numbers are often
# refused, as they should be) and the checks that need resources created in a chain.
CHECKS=not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance,negative_data_rejection
status=0
# Run from the scratch directory, so that schemathesis' caches stay out of the checkout.
REPO="$(pwd)"
run() {
    (cd "$WORK" && schemathesis "${CONFIG[@]}" run "http://127.0.0.1:$PORT/api/v1/openapi.json" \
        --url "http://127.0.0.1:$PORT" \
        --header "Authorization: Bearer $TOKEN" \
        --checks "$CHECKS" \
        --max-examples "$MAX_EXAMPLES" \
        --workers 2 \
        --no-color "$@") || status=$?
}
# First with generated codes and ids (mostly 404: nothing to see), then with the demo data's
# (scripts/schemathesis.toml) so that requests reach validation and the business rules.
# Revoking tokens comes last: a generated id may well be this run's own token.
CONFIG=(--config-file "$REPO/scripts/schemathesis-checks.toml")
run --exclude-operation-id revokeToken "$@"
CONFIG=(--config-file "$REPO/scripts/schemathesis.toml")
run --exclude-operation-id revokeToken --exclude-operation-id logout "$@"
CONFIG=(--config-file "$REPO/scripts/schemathesis-checks.toml")
run --include-operation-id revokeToken "$@"
if ! kill -0 "$SERVER" 2>/dev/null; then
    echo "the server is gone; the end of its log:" >&2
    tail -n 20 "$WORK/serve.log" >&2
    status=1
fi
if grep -q '"level":"error"' "$WORK/serve.log"; then
    echo "the server logged errors:" >&2
    grep '"level":"error"' "$WORK/serve.log" >&2
    status=1
fi
exit "$status"
