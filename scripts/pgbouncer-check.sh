#!/usr/bin/env bash
# Runs the service behind pgbouncer in transaction mode, with deploy/pgbouncer.ini's pool
# settings (only the addresses and authentication changed for a private test cluster): the
# request mix with wrk, a series of writes, a claim computation and an export from the command
# line, which must all succeed with JINJIBU_PREPARED_STATEMENTS=off. With PREPARED=on it shows what happens when the setting is
# wrong for this pgbouncer (errors expected before pgbouncer 1.21).
#
#   scripts/pgbouncer-check.sh            # needs pgbouncer, wrk, PostgreSQL (Debian packages)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
prepared=${PREPARED:-off}
for tool in pgbouncer wrk curl; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed (Debian: apt-get install $tool)" >&2; exit 2; }
done
echo "building…" >&2
swift build --product jinjibu >&2
bin="$(swift build --show-bin-path)/jinjibu"
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
work=$(mktemp -d /tmp/jinjibu-pgbouncer-XXXXXX)
runas=()
if [ "$(id -u)" = 0 ]; then chown postgres "$work"; runas=(setpriv --reuid=postgres --regid=postgres --init-groups); fi
server=""
cleanup() {
  [ -n "$server" ] && kill -TERM "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  [ -f "$work/pgbouncer.pid" ] && kill "$(cat "$work/pgbouncer.pid")" 2>/dev/null || true
  "${runas[@]}" "$pgbin/pg_ctl" -D "$work/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
"${runas[@]}" "$pgbin/initdb" -D "$work/data" -U postgres -A trust -E UTF8 --locale=C --no-instructions --no-sync >/dev/null
"${runas[@]}" "$pgbin/pg_ctl" -D "$work/data" -l "$work/postgres.log" -w -o "-k $work -c listen_addresses=" start >/dev/null
"${runas[@]}" "$pgbin/createdb" -h "$work" -U postgres jinjibu
direct="postgresql:///jinjibu?host=$work&user=postgres"
DATABASE_URL="$direct" "$bin" migrate >/dev/null 2>&1
psql -X -q -v ON_ERROR_STOP=1 -h "$work" -U postgres -d jinjibu -v consortia=50 -v lines=50000 -f "$root/bench/export/generate.sql"
for i in $(seq 1 20); do DATABASE_URL="$direct" "$bin" claim submit "$(printf 'P%06d' "$i")" --as-of 2025-06-30 >/dev/null 2>&1; done
head -c 24 /dev/urandom | base64 | DATABASE_URL="$direct" "$bin" user add loadtest --role admin --password-stdin >/dev/null 2>&1
export TOKEN=$(DATABASE_URL="$direct" "$bin" token create --user loadtest --name check --expires-in-days 1 2>/dev/null)
export PROJECTS=50

# deploy/pgbouncer.ini, pointed at the private cluster: its [databases] entry, listen address
# and authentication replaced; pool mode, reset query and the rest as shipped.
pgport=16432
sed -e "s|^jinjibu = .*|jinjibu = host=$work dbname=jinjibu user=postgres|" \
    -e "s|^listen_port = .*|listen_port = $pgport|" \
    -e "s|^auth_type = .*|auth_type = trust|" \
    -e "s|^auth_file = .*|auth_file = $work/userlist.txt|" \
    deploy/pgbouncer.ini > "$work/pgbouncer.ini"
printf 'logfile = %s\npidfile = %s\n' "$work/pgbouncer.log" "$work/pgbouncer.pid" >> "$work/pgbouncer.ini"
echo '"postgres" ""' > "$work/userlist.txt"
grep -q '^pool_mode = transaction' "$work/pgbouncer.ini" || { echo "deploy/pgbouncer.ini is not in transaction mode" >&2; exit 1; }
[ "$(id -u)" = 0 ] && chown postgres "$work"/pgbouncer.ini "$work"/userlist.txt
"${runas[@]}" pgbouncer -d "$work/pgbouncer.ini"
for _ in $(seq 1 50); do [ -f "$work/pgbouncer.pid" ] && break; sleep 0.1; done

port=18190
JINJIBU_PREPARED_STATEMENTS=$prepared DATABASE_URL="postgresql://postgres@127.0.0.1:$pgport/jinjibu" \
  "$bin" serve --port "$port" --pool-size 8 >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.5; done

result=$(MODE=mix wrk -t2 -c32 -d10s --timeout 10s -s bench/load/mix.lua "http://127.0.0.1:$port" | grep '^RESULT')
created=0
for n in $(seq 1 100); do
  status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/api/v1/projects/P000001/expenses" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"category\":\"travel\",\"incurred_on\":\"2024-06-01\",\"payee\":\"JR\",\"amount_excl_tax_yen\":1000,\"line_ref\":\"PGB-$n\",\"evidence_ref\":\"PGB-$n\"}")
  [ "$status" = 201 ] && created=$((created + 1))
done
stored=$(psql -X -tA -h "$work" -U postgres -d jinjibu -c "SELECT count(*) FROM expenses WHERE line_ref LIKE 'PGB-%'")

# The command line goes through pgbouncer too (an operator's env file points there).
bouncer="postgresql://postgres@127.0.0.1:$pgport/jinjibu"
commands=ok
JINJIBU_PREPARED_STATEMENTS=$prepared DATABASE_URL="$bouncer" "$bin" claim compute P000002 --as-of 2025-06-30 >"$work/cli.log" 2>&1 || commands=failed
JINJIBU_PREPARED_STATEMENTS=$prepared DATABASE_URL="$bouncer" "$bin" export claims --fiscal-year 2024 --as-of 2025-06-30 \
  --out "$work/export" >>"$work/cli.log" 2>&1 || commands=failed

echo
echo "jinjibu behind $(pgbouncer --version | head -1) in transaction mode, JINJIBU_PREPARED_STATEMENTS=$prepared"
echo "  wrk ${result#RESULT }"
echo "  writes: $created of 100 answered 201, $stored stored"
echo "  claim compute and export claims through pgbouncer: $commands"
if [[ "$result" == *"errors=0 non2xx=0"* && $created == 100 && $stored == 100 && $commands == ok ]]; then
  echo "  OK"
else
  echo "  FAILED; service log: $(grep -o '"error":"[^"]*"' "$work/serve.log" | sort | uniq -c | head -3)"
  [ "$commands" = ok ] || echo "  command line: $(tail -3 "$work/cli.log")"
  exit 1
fi
