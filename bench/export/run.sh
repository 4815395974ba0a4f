#!/usr/bin/env bash
# The batch export benchmark: `export claims` end to end, timed next to `psql` running a COPY
# of the equivalent aggregation over the same data in the same run, and the export's peak
# memory at each size.
#
#   bench/export/run.sh [CONSORTIA] [LINES ...]      # default: 1000 1000000 3000000
#
# It builds the release binary, starts a PostgreSQL cluster of its own under /tmp (removed at
# the end), migrates it, generates the data with generate.sql (COPY-speed: generate_series),
# then for each line count times:
#   copy-aggregate  psql: COPY (per project and category: lines, total, tax and the eligible
#                   sum by the eligibility rules in SQL) TO STDOUT — the raw aggregation;
#   copy-lines      psql: the export's own scope table and COPY of every line it reads, in
#                   its order — what the export's one expense stream costs the server alone;
#   export          jinjibu export claims --fiscal-year 2024 (CSV, UTF-8), end to end:
#                   process start, all queries, every computation, every file, fsync, rename.
# Each is run twice and the faster run kept. psql runs with JIT compilation off, as jinjibu's
# own sessions do (see PostgresConnectionSettings), so both sides plan and run alike. The
# headline ratio is the export against copy-aggregate + copy-lines (issue #18's measure: what
# PostgreSQL alone needs to aggregate and to stream every line; goal ≤ 1.3). JINJIBU=path
# times a given binary instead of building. Peak memory is
# the maximum resident set size reported by /usr/bin/time -v (VmHWM from /proc when that is missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
consortia=${1:-1000}
shift || true
if [ $# -gt 0 ]; then sizes=("$@"); else sizes=(1000000 3000000); fi

if [ -n "${JINJIBU:-}" ]; then
  bin=$JINJIBU  # time a given binary (an earlier build, to compare)
else
  echo "building release…" >&2
  swift build -c release --product jinjibu >&2
  bin="$(swift build -c release --show-bin-path)/jinjibu"
fi

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$pgbin/initdb" ] || pgbin=$(dirname "$(command -v initdb)")
work=$(mktemp -d /tmp/jinjibu-bench-XXXXXX)
runas=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$work"
  runas=(setpriv --reuid=postgres --regid=postgres --init-groups)
fi
cleanup() {
  "${runas[@]}" "$pgbin/pg_ctl" -D "$work/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
"${runas[@]}" "$pgbin/initdb" -D "$work/data" -U postgres -A trust -E UTF8 --locale=C --no-instructions --no-sync >/dev/null
"${runas[@]}" "$pgbin/pg_ctl" -D "$work/data" -l "$work/postgres.log" -w \
  -o "-k $work -c listen_addresses= -c shared_buffers=512MB -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
export DATABASE_URL="postgresql:///jinjibu?host=$work&user=postgres"
"${runas[@]}" "$pgbin/createdb" -h "$work" -U postgres jinjibu
psql=(env PGOPTIONS="-c jit=off" psql -X -q -v ON_ERROR_STOP=1 -h "$work" -U postgres -d jinjibu)
"$bin" migrate >/dev/null 2>&1

asof=2025-06-30
copy_aggregate="COPY (
  SELECT p.code, e.category, count(*) AS lines, sum(e.amount_excl_tax_yen) AS total, sum(e.tax_yen) AS tax,
         sum(e.amount_excl_tax_yen) FILTER (WHERE e.excluded_reason IS NULL AND fc.category IS NOT NULL
             AND e.incurred_on BETWEEN coalesce(p.starts_on, make_date(p.fiscal_year, 4, 1)) AND coalesce(p.ends_on, make_date(p.fiscal_year + 1, 3, 31))
             AND e.paid_on <= date '$asof' AND e.evidence_ref IS NOT NULL) AS eligible
  FROM adopted_projects p
  JOIN expenses e ON e.consortium_id = p.consortium_id AND e.project_id = p.id
  LEFT JOIN frame_categories fc ON fc.frame_id = p.frame_id AND fc.category = e.category
  WHERE p.fiscal_year = 2024
  GROUP BY p.code, e.category ORDER BY p.code, e.category) TO STDOUT"
# The export's own scope table and expense stream, statement for statement.
scope_sql=(
  -c "CREATE TEMPORARY TABLE export_scope (position integer PRIMARY KEY, consortium_id bigint NOT NULL, project_id bigint NOT NULL, UNIQUE (consortium_id, project_id))"
  -c "INSERT INTO export_scope SELECT row_number() OVER (ORDER BY p.code COLLATE \"C\"), p.consortium_id, p.id FROM adopted_projects p WHERE p.fiscal_year = 2024"
  -c "ANALYZE export_scope")
copy_lines="COPY (
  SELECT x.project_id, x.line_ref, x.category, x.incurred_on, x.paid_on, x.amount_excl_tax_yen, x.tax_yen,
         x.evidence_ref, (SELECT o.code FROM organizations o WHERE o.id = x.firm_id), x.person_ref, x.excluded_reason, x.payee
  FROM export_scope s JOIN expenses x ON x.consortium_id = s.consortium_id AND x.project_id = s.project_id
  ORDER BY s.position) TO STDOUT"

now() { date +%s.%N; }
best() { printf '%s\n' "$@" | sort -g | head -1; }
time_psql() {  # seconds of the faster of two runs; extra arguments run first in the same session
  local query=$1 runs=()
  shift
  for _ in 1 2; do
    local start; start=$(now)
    "${psql[@]}" "$@" -c "$query" >/dev/null
    runs+=("$(echo "$(now) - $start" | bc)")
  done
  best "${runs[@]}"
}
time_export() {  # "seconds peak_kib cpu_s" of the faster of two runs (cpu_s: the export's user + system seconds)
  local best_s="" best_kib="" best_cpu="?"
  for attempt in 1 2; do
    local out="$work/out-$1-$attempt" log="$work/time-$1-$attempt.log" start seconds kib
    start=$(now)
    if [ -x /usr/bin/time ]; then
      /usr/bin/time -v "$bin" export claims --fiscal-year 2024 --as-of "$asof" --headers en --out "$out" >/dev/null 2>"$log"
      kib=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$log")
      cpu=$(awk -F: '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$log")
    else
      "$bin" export claims --fiscal-year 2024 --as-of "$asof" --headers en --out "$out" >/dev/null &
      local pid=$! peak=0
      while kill -0 "$pid" 2>/dev/null; do
        local hwm; hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
        [ "${hwm:-0}" -gt "$peak" ] && peak=$hwm
        sleep 0.05
      done
      wait "$pid"; kib=$peak; cpu="?"
    fi
    seconds=$(echo "$(now) - $start" | bc)
    if [ -z "$best_s" ] || [ "$(echo "$seconds < $best_s" | bc)" = 1 ]; then best_s=$seconds; best_cpu=$cpu; fi
    if [ -z "$best_kib" ] || [ "$kib" -gt "$best_kib" ]; then best_kib=$kib; fi
    du -sk "$out" | awk '{print $1}' > "$work/size-$1"
    # Kept until the end: on ext4 without a journal, files created soon after others were
    # deleted cost far more (each new inode is checked against the recently deleted ones).
  done
  echo "$best_s $best_kib $best_cpu"
}

results=()
for lines in "${sizes[@]}"; do
  echo "generating $consortia consortia, $lines expense lines…" >&2
  "${psql[@]}" -c "TRUNCATE audit_log, export_runs, placements, event_participants, event_firms, events, expenses, kpi_targets, project_applicants, adopted_projects, memberships, consortia, organizations CASCADE" 2>/dev/null || \
    "${psql[@]}" -c "SET session_replication_role = replica; DELETE FROM audit_log; DELETE FROM export_runs; DELETE FROM placements; DELETE FROM event_participants; DELETE FROM events; DELETE FROM expenses; DELETE FROM kpi_targets; DELETE FROM project_applicants; DELETE FROM adopted_projects; DELETE FROM memberships; DELETE FROM consortia; DELETE FROM organizations;"
  gen_start=$(now)
  "${psql[@]}" -v consortia="$consortia" -v lines="$lines" -f "$root/bench/export/generate.sql"
  gen_s=$(echo "$(now) - $gen_start" | bc)
  aggregate_s=$(time_psql "$copy_aggregate")
  lines_s=$(time_psql "$copy_lines" "${scope_sql[@]}")
  read -r export_s peak_kib export_cpu < <(time_export "$lines")
  ratio=$(echo "scale=2; $export_s / $aggregate_s" | bc)
  ratio_lines=$(echo "scale=2; $export_s / $lines_s" | bc)
  ratio_both=$(echo "scale=2; $export_s / ($aggregate_s + $lines_s)" | bc)
  results+=("$(printf '%9d lines  generate %6.2fs  copy-aggregate %6.2fs  copy-lines %6.2fs  export %6.2fs (%sx aggregate+lines; %sx aggregate, %sx lines; its CPU %s s)  peak RSS %d MiB  output %d MiB' \
    "$lines" "$gen_s" "$aggregate_s" "$lines_s" "$export_s" "$ratio_both" "$ratio" "$ratio_lines" "$export_cpu" "$((peak_kib / 1024))" "$(( $(cat "$work/size-$lines") / 1024 ))")")
  echo "${results[-1]}" >&2
done

echo
echo "jinjibu export benchmark: $consortia consortia (one FY2024 project each), $(nproc) cores, PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}'), load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%s\n' "${results[@]}"
echo "reproduce: bench/export/run.sh $consortia ${sizes[*]}"
