#!/usr/bin/env bash
# Load benchmark of the HTTP API: wrk against a running `jinjibu serve` over the export
# benchmark's generated data set (bench/export/generate.sql), list and detail endpoints, the
# stored claim read, the claim computation, and a mix; next to pgbench running the claim
# read's SQL (the tenant scope settings, SET LOCAL ROLE, the claim header and its lines) in
# the same run, at the same number of connections, with the extended protocol (one Parse, Bind
# and Execute per statement, as libpq's PQexecParams does for the service).
#
#   bench/load/run.sh [CONSORTIA] [LINES] [SECONDS] [CONNECTIONS]    # default 1000 1000000 20 64
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
consortia=${1:-1000}
lines=${2:-1000000}
seconds=${3:-20}
connections=${4:-64}
port=18180
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 2; }

echo "building release…" >&2
swift build -c release --product jinjibu >&2
bin="$(swift build -c release --show-bin-path)/jinjibu"
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
work=$(mktemp -d /tmp/jinjibu-load-XXXXXX)
runas=()
if [ "$(id -u)" = 0 ]; then chown postgres "$work"; runas=(setpriv --reuid=postgres --regid=postgres --init-groups); fi
server=""
cleanup() {
  [ -n "$server" ] && kill -TERM "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  "${runas[@]}" "$pgbin/pg_ctl" -D "$work/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
"${runas[@]}" "$pgbin/initdb" -D "$work/data" -U postgres -A trust -E UTF8 --locale=C --no-instructions --no-sync >/dev/null
"${runas[@]}" "$pgbin/pg_ctl" -D "$work/data" -l "$work/postgres.log" -w \
  -o "-k $work -c listen_addresses= -c shared_buffers=512MB -c max_connections=200" start >/dev/null
export DATABASE_URL="postgresql:///jinjibu?host=$work&user=postgres"
"${runas[@]}" "$pgbin/createdb" -h "$work" -U postgres jinjibu
psql=(psql -X -q -v ON_ERROR_STOP=1 -h "$work" -U postgres -d jinjibu)
"$bin" migrate >/dev/null 2>&1
echo "generating $consortia consortia, $lines expense lines…" >&2
"${psql[@]}" -v consortia="$consortia" -v lines="$lines" -f "$root/bench/export/generate.sql"
"${psql[@]}" -c "ANALYZE"
for i in $(seq 1 20); do "$bin" claim submit "$(printf 'P%06d' "$i")" --as-of 2025-06-30 >/dev/null 2>&1; done
head -c 24 /dev/urandom | base64 | "$bin" user add loadtest --role admin --password-stdin >/dev/null 2>&1
export TOKEN=$("$bin" token create --user loadtest --name load --expires-in-days 1 2>/dev/null)
export PROJECTS=$consortia

"$bin" serve --port "$port" --pool-size 16 >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 1; done
curl -fs -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port/api/v1/projects/P000001/claims/1" >/dev/null \
  || { echo "the claim read does not answer; see $work/serve.log" >&2; cat "$work/serve.log" >&2; exit 1; }

results=()
for mode in ${MODES:-list detail claim compute mix}; do
  MODE=$mode wrk -t2 -c"$connections" -d3s -s bench/load/mix.lua "http://127.0.0.1:$port" >/dev/null   # warm-up
  line=$(MODE=$mode wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s -s bench/load/mix.lua "http://127.0.0.1:$port" | grep '^RESULT')
  results+=("$line")
  echo "$line" >&2
done

# pgbench: the claim read's statements, as the API runs them for an admin, per transaction.
cat > "$work/claim.sql" <<'SQL'
\set n random(1, 20)
BEGIN;
SELECT set_config('jinjibu.role', 'admin', true), set_config('jinjibu.user_id', '1', true),
       set_config('jinjibu.consortia', '{}', true), set_config('jinjibu.bureau', '', true),
       set_config('jinjibu.actor', 'loadtest', true);
SET LOCAL ROLE jinjibu_app;
SELECT c.id, c.consortium_id, c.claim_version, c.status, c.as_of::text AS as_of, c.reason, c.binding_limit,
       c.total_expenses_yen, c.eligible_expenses_yen, c.ineligible_expenses_yen, c.subsidy_yen, c.prior_paid_yen,
       c.claim_yen, c.refund_yen, c.created_by, c.created_at, c.status_changed_by, c.status_changed_at, c.version
FROM claims c JOIN adopted_projects p ON p.consortium_id = c.consortium_id AND p.id = c.project_id
WHERE p.code = 'P' || lpad(:n::text, 6, '0') AND c.claim_version = 1;
SELECT l.category, l.reason, l.amount_yen, l.line_count FROM claim_lines l JOIN claims c ON c.consortium_id = l.consortium_id AND c.id = l.claim_id
JOIN adopted_projects p ON p.consortium_id = c.consortium_id AND p.id = c.project_id
WHERE p.code = 'P' || lpad(:n::text, 6, '0') AND c.claim_version = 1;
COMMIT;
SQL
pgbench_out=$(pgbench -h "$work" -U postgres -n -M extended -c "$connections" -j 2 -T "$seconds" -f "$work/claim.sql" -l --log-prefix="$work/pgb" jinjibu 2>&1) \
  || { echo "pgbench failed:" >&2; echo "$pgbench_out" | tail -20 >&2; exit 1; }
tps=$(echo "$pgbench_out" | awk '/^tps/ {print $3; exit}')
read -r p50 p99 < <(cat "$work"/pgb* | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {printf "%.2f %.2f\n", a[int(NR*0.5)]/1000, a[int(NR*0.99)]/1000}')

echo
echo "jinjibu load benchmark: $consortia consortia, $lines expense lines, ${seconds}s per run, $connections connections, $(nproc) cores (wrk and pgbench on the same machine)"
printf '%s\n' "${results[@]}" | sed 's/^RESULT /  wrk /'
echo "  pgbench claim read SQL: tps=$tps p50_ms=$p50 p99_ms=$p99"
echo "reproduce: bench/load/run.sh $consortia $lines $seconds $connections"
