#!/usr/bin/env bash
# Load benchmark of the HTTP API: wrk against a running `jinjibu serve` over the export
# benchmark's generated data set (bench/export/generate.sql), list and detail endpoints, the
# stored claim read, the claim computation, and a mix; next to pgbench running the claim
# read's SQL (the token check entering the tenant scope, the claim header and its lines) in the
# same run, at the same number of connections, with prepared statements (as the service runs
# them by default) and with the extended protocol (parse and plan every time, as with
# JINJIBU_PREPARED_STATEMENTS=off). Set PREPARED=off to run the service that way. Each run
# also prints the CPU it cost per request: the service's and the database's (wrk's own not
# counted), and pgbench's and the database's.
#
#   bench/load/run.sh [CONSORTIA] [LINES] [SECONDS] [CONNECTIONS]    # default 1000 1000000 20 64
#   MODES=claim BIN=/path/to/jinjibu bench/load/run.sh …    # the claim read only, an existing build
#   PERF_RECORD=/tmp/service.perf bench/load/run.sh …         # also `perf record -g` the service per mode
#   CALLER=secretariat bench/load/run.sh …    # as a secretariat of 20 consortia instead of an administrator
#   CALLER=bureau bench/load/run.sh …    # as the Kanto bureau, reading the projects of its prefectures
#   POOL_SIZE=8 bench/load/run.sh …    # the service's pool size (default: its own, twice the processors from 4 to 8)
#   ROUNDS=5 bench/load/run.sh …    # alternating claim-read / pgbench rounds for the ratio (default 3; 0: none)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
consortia=${1:-1000}
lines=${2:-1000000}
seconds=${3:-20}
connections=${4:-64}
port=18180
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 2; }
case ${CALLER:-admin} in admin|secretariat|bureau) ;; *) echo "CALLER=$CALLER: admin, secretariat or bureau" >&2; exit 2 ;; esac
case ${ROUNDS:-3} in ''|*[!0-9]*) echo "ROUNDS=$ROUNDS: a number of rounds (0 for none)" >&2; exit 2 ;; esac

if [ -n "${BIN:-}" ]; then
  bin=$BIN   # an existing build, e.g. a copy of the one before a change, to compare
else
  echo "building release…" >&2
  swift build -c release --product jinjibu >&2
  bin="$(swift build -c release --show-bin-path)/jinjibu"
fi
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
work=$(mktemp -d /tmp/jinjibu-load-XXXXXX)
runas=()
if [ "$(id -u)" = 0 ]; then chown postgres "$work"; runas=(setpriv --reuid=postgres --regid=postgres --init-groups); fi
server=""
logging=""
cleanup() {
  # Statement logging is for the one counted request: off again whatever happened meanwhile.
  if [ -n "$logging" ]; then
    "${psql[@]}" -c "ALTER SYSTEM RESET log_statement" -c "ALTER SYSTEM RESET log_line_prefix" -c "SELECT pg_reload_conf()" >/dev/null 2>&1 || true
  fi
  [ -n "$server" ] && kill -TERM "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  "${runas[@]}" "$pgbin/pg_ctl" -D "$work/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
psql=(psql -X -q -v ON_ERROR_STOP=1 -h "$work" -U postgres -d jinjibu)
# CPU seconds so far (user + system): a process's own, and the database's (the postmaster's
# exited children, the backends pgbench closes, plus its live ones). CPU per request is
# steadier than requests per second on a machine shared with other work.
cpu_of() { awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); print ($12 + $13) / hz }' "/proc/$1/stat" 2>/dev/null || echo 0; }
database_cpu() {
  local postmaster total
  postmaster=$(head -1 "$work/data/postmaster.pid")
  total=$(awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); print ($12 + $13 + $14 + $15) / hz }' "/proc/$postmaster/stat")
  for child in $(pgrep -P "$postmaster"); do total=$(echo "$total + $(cpu_of "$child")" | bc -l); done
  echo "$total"
}
per_request_ms() { echo "scale=3; 1000 * ($2) / $1" | bc -l; }
"${runas[@]}" "$pgbin/initdb" -D "$work/data" -U postgres -A trust -E UTF8 --locale=C --no-instructions --no-sync >/dev/null
"${runas[@]}" "$pgbin/pg_ctl" -D "$work/data" -l "$work/postgres.log" -w \
  -o "-k $work -c listen_addresses= -c shared_buffers=512MB -c max_connections=200" start >/dev/null
export DATABASE_URL="postgresql:///jinjibu?host=$work&user=postgres"
"${runas[@]}" "$pgbin/createdb" -h "$work" -U postgres jinjibu
"$bin" migrate >/dev/null 2>&1
echo "generating $consortia consortia, $lines expense lines…" >&2
"${psql[@]}" -v consortia="$consortia" -v lines="$lines" -f "$root/bench/export/generate.sql"
"${psql[@]}" -c "ANALYZE"
for i in $(seq 1 20); do "$bin" claim submit "$(printf 'P%06d' "$i")" --as-of 2025-06-30 >/dev/null 2>&1; done
# Who calls: an administrator reads every project; CALLER=secretariat runs the requests as the
# secretariat of the first 20 consortia (those with a submitted claim), reading their projects
# only, where the row-level security policies have the caller's consortia to check.
export PROJECTS=$consortia
caller_options=(--role admin)
if [ "${CALLER:-admin}" = secretariat ]; then
  caller_options=(--role secretariat)
  for i in $(seq 1 20); do caller_options+=(--consortium "$(printf 'C%06d' "$i")"); done
  PROJECTS=$((consortia < 20 ? consortia : 20))
fi
if [ "${CALLER:-admin}" = bureau ]; then
  # The Kanto bureau reads the projects in its prefectures: those among the first 20 for the
  # claim read (about half), all of them for the detail and the computation. Its statements
  # are the costliest of the roles' (the policies find its consortia from its prefectures),
  # and who acted reads as the party (ActorPresenter), a second round trip.
  caller_options=(--role bureau --bureau kanto)
  kanto="SELECT string_agg(p.code, ' ' ORDER BY p.code) FROM adopted_projects p JOIN prefectures pr ON pr.code = p.prefecture_code WHERE pr.bureau = 'kanto'"
  export PROJECT_CODES=$("${psql[@]}" -At -c "$kanto")
  export CLAIM_PROJECTS=$("${psql[@]}" -At -c "$kanto AND p.code <= 'P000020'")
fi
head -c 24 /dev/urandom | base64 | "$bin" user add loadtest "${caller_options[@]}" --password-stdin >/dev/null 2>&1
export TOKEN=$("$bin" token create --user loadtest --name load --expires-in-days 1 2>/dev/null)

# The service's own default pool size (twice the processors, from 4 to 8) unless POOL_SIZE names one.
pool_options=()
if [ -n "${POOL_SIZE:-}" ]; then pool_options=(--pool-size "$POOL_SIZE"); fi
# LOG_LEVEL=info whatever the caller's: the listening line names the pool's size.
LOG_LEVEL=info JINJIBU_PREPARED_STATEMENTS=${PREPARED:-on} "$bin" serve --port "$port" "${pool_options[@]}" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 1; done
# The claim read probed and logged: one the caller sees.
probe=P000002
if [ -n "${CLAIM_PROJECTS:-}" ]; then probe=${CLAIM_PROJECTS%% *}; fi
curl -fs -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port/api/v1/projects/$probe/claims/1" >/dev/null \
  || { echo "the claim read does not answer; see $work/serve.log" >&2; cat "$work/serve.log" >&2; exit 1; }
pool_size=$(sed -n 's/.*"database_connections":"\([0-9]*\)".*/\1/p' "$work/serve.log" | head -1)
pool_size=${pool_size:-unknown}

# What one stored-claim read costs the database: the statements it runs, counted in the
# server's log (log_statement = all for that one request; only counted, never printed, since
# the log holds the token's hash among the parameters). Each line names its virtual
# transaction (%v): a pipeline's statements share one, which is how replay.py tells the
# request's round trips apart.
logging=1
"${psql[@]}" -c "ALTER SYSTEM SET log_statement = 'all'" -c "ALTER SYSTEM SET log_line_prefix = '%m [%p] %v '" -c "SELECT pg_reload_conf()" >/dev/null
sleep 0.5
mark=$(wc -l < "$work/postgres.log")
curl -fs -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port/api/v1/projects/$probe/claims/1" >/dev/null
sleep 0.5
"${psql[@]}" -c "ALTER SYSTEM RESET log_statement" -c "ALTER SYSTEM RESET log_line_prefix" -c "SELECT pg_reload_conf()" >/dev/null
logging=""

# pgbench: the claim read's SQL exactly as the service sent it for the request logged above,
# rebuilt from the server's log (bench/load/replay.py: the same statements, each parameter a
# pgbench variable bound as the service binds it), so the reference never drifts from the
# code. In one pipeline (one round trip, one implicit transaction, no BEGIN or COMMIT) when the
# service sends it so: the token check that enters the tenant scope (migration 0031) first.
# The variables hold the test token's hash (a throwaway token of a throwaway cluster).
replay_options=()
if tail -n +"$((mark + 1))" "$work/postgres.log" | grep -q 'app_enter_token_scope'; then replay_options=(--pipeline); fi
# replay.py prints how many statements it found: the statements per stored-claim read.
statements=$(python3 bench/load/replay.py "$work/postgres.log" "$((mark + 1))" "$work/claim.sql" "$work/claim.vars" "${replay_options[@]}")
echo "  statements per stored-claim read: $statements" >&2

results=()
for mode in ${MODES:-list detail claim compute mix}; do
  MODE=$mode wrk -t2 -c"$connections" -d3s -s bench/load/mix.lua "http://127.0.0.1:$port" >/dev/null   # warm-up
  recorder=""
  if [ -n "${PERF_RECORD:-}" ]; then
    # A profile of the service during the measured run, for `perf report -i "$PERF_RECORD-$mode"`.
    perf record -q -g -p "$server" -o "$PERF_RECORD-$mode" >/dev/null 2>&1 &
    recorder=$!
  fi
  service_before=$(cpu_of "$server"); database_before=$(database_cpu)
  # wrk's own CPU (user and system) from bash's `time`, as pgbench's is below: the load
  # generator shares the two cores with the service and the database.
  wrk_out=$( { TIMEFORMAT='WRK_CPU %U %S'; time MODE=$mode wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s -s bench/load/mix.lua "http://127.0.0.1:$port"; } 2>&1)
  service_used=$(echo "$(cpu_of "$server") - $service_before" | bc -l); database_used=$(echo "$(database_cpu) - $database_before" | bc -l)
  if [ -n "$recorder" ]; then kill -INT "$recorder"; wait "$recorder" || true; fi
  line=$(echo "$wrk_out" | grep '^RESULT')
  requests=$(echo "$line" | sed -n 's/.*requests=\([0-9]*\).*/\1/p')
  wrk_used=$(echo "$wrk_out" | awk '/^WRK_CPU/ {print $2 " + " $3; exit}')
  line="$line cpu_ms_per_request: service=$(per_request_ms "$requests" "$service_used") database=$(per_request_ms "$requests" "$database_used") wrk=$(per_request_ms "$requests" "$wrk_used")"
  results+=("$line")
  echo "$line" >&2
done

variables=()
while IFS= read -r value; do variables+=(-D "$value"); done < "$work/claim.vars"

# The issue's measure, the stored-claim reads per second against pgbench's transactions per
# second on the same statements (-M prepared, as the service runs them), in ROUNDS alternating
# rounds (default 3): the service for SECONDS, then pgbench for SECONDS. pgbench's own figure
# moves by a third from one run to the next on two shared cores (64 backends), so each ratio
# compares figures taken seconds apart, and the median of the rounds is the result.
rounds=${ROUNDS:-3}
round_lines=()
ratios=()
for round in $(seq 1 "$rounds"); do
  round_rps=$(MODE=claim wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s -s bench/load/mix.lua "http://127.0.0.1:$port" | sed -n 's/^RESULT.* rps=\([0-9.]*\) p50_ms=[0-9.]* p99_ms=\([0-9.]*\).*/\1 \2/p')
  read -r round_rps round_p99 <<< "$round_rps"
  round_tps=$(pgbench -h "$work" -U postgres -n -M prepared -c "$connections" -j 2 -T "$seconds" "${variables[@]}" -f "$work/claim.sql" jinjibu 2>&1 | awk '/^tps/ {print $3; exit}')
  ratio=$(echo "scale=1; 100 * $round_rps / $round_tps" | bc -l)
  ratios+=("$ratio")
  round_lines+=("  round $round: stored-claim read $round_rps req/s (p99 $round_p99 ms), pgbench $round_tps tps: $ratio %")
  echo "${round_lines[-1]}" >&2
done
# -M prepared is how the service runs them by default (JINJIBU_PREPARED_STATEMENTS=on);
# -M extended parses and plans every statement, as with JINJIBU_PREPARED_STATEMENTS=off.
pgbench_lines=()
for protocol in prepared extended; do
  database_before=$(database_cpu)
  # pgbench's own CPU (user and system) from bash's `time`, as the service's is counted above.
  pgbench_out=$( { TIMEFORMAT='PGBENCH_CPU %U %S'; time pgbench -h "$work" -U postgres -n -M "$protocol" -c "$connections" -j 2 -T "$seconds" "${variables[@]}" -f "$work/claim.sql" -l --log-prefix="$work/pgb-$protocol" jinjibu 2>&1; } 2>&1) \
    || { echo "pgbench failed:" >&2; echo "$pgbench_out" | tail -20 >&2; exit 1; }
  database_used=$(echo "$(database_cpu) - $database_before" | bc -l)
  tps=$(echo "$pgbench_out" | awk '/^tps/ {print $3; exit}')
  transactions=$(echo "$pgbench_out" | awk '/actually processed/ {print $NF; exit}')
  client_used=$(echo "$pgbench_out" | awk '/^PGBENCH_CPU/ {print $2 " + " $3; exit}')
  read -r p50 p99 < <(cat "$work"/pgb-"$protocol"* | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {printf "%.2f %.2f\n", a[int(NR*0.5)]/1000, a[int(NR*0.99)]/1000}')
  [ "$protocol" = prepared ] && prepared_tps=$tps
  pgbench_lines+=("  pgbench claim read SQL (-M $protocol): tps=$tps p50_ms=$p50 p99_ms=$p99 cpu_ms_per_request: pgbench=$(per_request_ms "$transactions" "$client_used") database=$(per_request_ms "$transactions" "$database_used")")
  echo "${pgbench_lines[-1]}" >&2
done

echo
echo "jinjibu load benchmark: $consortia consortia, $lines expense lines, ${seconds}s per run, $connections connections, caller ${CALLER:-admin}, pool $pool_size, prepared statements ${PREPARED:-on}, $(nproc) cores (wrk and pgbench on the same machine)"
printf '%s\n' "${results[@]}" | sed 's/^RESULT /  wrk /'
printf '%s\n' "${pgbench_lines[@]}"
echo "  statements per stored-claim read: $statements (counted in the server's log)"
# The claim run above against the pgbench run above, as before the rounds.
for line in "${results[@]}"; do
  case $line in
    "RESULT claim "*)
      rps=$(echo "$line" | sed -n 's/.*rps=\([0-9.]*\).*/\1/p')
      echo "  stored-claim read (the runs above): $rps req/s = $(echo "scale=1; 100 * $rps / $prepared_tps" | bc -l) % of pgbench's $prepared_tps tps" ;;
  esac
done
if [ "$rounds" -gt 0 ]; then
  printf '%s\n' "${round_lines[@]}"
  median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}')
  echo "  stored-claim read against pgbench -M prepared, $rounds alternating rounds: median $median %"
fi
# The settings that change what was measured go in front of the command, as they were given.
settings=""
for name in MODES CALLER POOL_SIZE PREPARED ROUNDS; do
  if [ -n "${!name:-}" ]; then settings+="$name=\"${!name}\" "; fi
done
echo "reproduce: ${settings}bench/load/run.sh $consortia $lines $seconds $connections"
