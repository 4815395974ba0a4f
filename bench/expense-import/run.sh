#!/usr/bin/env bash
# Expense import benchmark: `jinjibu import expenses` on N generated lines, next to a plain
# `psql \copy` of the same rows into the same table (and of the same file into a raw text
# table), measured in the same run on a private PostgreSQL this script starts and stops.
# The floor is `\copy` into the real `expenses` table with its keys, checks and foreign keys
# but without its triggers (DISABLE TRIGGER USER, in that database only): what the table's
# own constraints cost, which no importer can go below. The import and the floor each run
# twice, alternating, after a CHECKPOINT, and the faster run of each is compared.
#
#   bash bench/expense-import/run.sh [LINES] [PROJECTS]     (default 1000000 lines, 10 projects)
set -euo pipefail
cd "$(dirname "$0")/../.."
LINES=${1:-1000000}
PROJECTS=${2:-10}
WORK=$(mktemp -d /tmp/jinjibu-bench-XXXXXX)
chmod 755 "$WORK"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$WORK"
cleanup() { run_pg "$PGBIN/pg_ctl" -D "$WORK/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

# JINJIBU=path/to/jinjibu measures that binary instead (e.g. one built from another commit).
if [ -z "${JINJIBU:-}" ]; then
  echo "== building (release)"
  swift build -c release --product jinjibu >/dev/null
  JINJIBU=$(swift build -c release --show-bin-path)/jinjibu
fi

echo "== starting PostgreSQL in $WORK"
run_pg "$PGBIN/initdb" -D "$WORK/data" -U postgres -A trust -E UTF8 --locale=C --no-instructions >/dev/null
run_pg "$PGBIN/pg_ctl" -D "$WORK/data" -o "-k $WORK -c listen_addresses= -c shared_buffers=512MB -c max_wal_size=4GB" -l "$WORK/log" -w start >/dev/null
PSQL="psql -X -q -h $WORK -U postgres -v ON_ERROR_STOP=1"

setup_db() {
  $PSQL -d postgres -c "CREATE DATABASE $1"
  local url="postgresql:///$1?host=$WORK&user=postgres"
  "$JINJIBU" migrate --database-url "$url" >/dev/null
  printf 'code,kind,name,corporate_number,prefecture_code\ntsubameito,company,株式会社つばめいと,7110002019384,15\n' > "$WORK/org.csv"
  printf 'code,name,prefecture_code,secretariat\ntsubame,燕市地域の人事部,15,tsubameito\n' > "$WORK/con.csv"
  { echo "fiscal_year,program,frame,code,consortium,applicant_name,applicant_corporate_number,region,project_name"
    for p in $(seq 0 $((PROJECTS - 1))); do printf '2024,chiiki-senryaku-jinzai,standard,bench-%04d,tsubame,株式会社つばめいと,7110002019384,新潟県燕市,ベンチマーク事業 %d\n' "$p" "$p"; done
  } > "$WORK/projects.csv"
  "$JINJIBU" import organizations "$WORK/org.csv" --database-url "$url" >/dev/null
  "$JINJIBU" import consortia "$WORK/con.csv" --database-url "$url" >/dev/null
  "$JINJIBU" import adopted_projects "$WORK/projects.csv" --database-url "$url" >/dev/null
}

# The import and the floor run twice each, alternating, each into a database of its own, and
# the faster run of each counts: one run on a shared machine moved by a fifth either way.
setup_db bench_import
setup_db bench_import_2
setup_db bench_copy
setup_db bench_floor
setup_db bench_floor_2
$PSQL -d bench_floor -c "ALTER TABLE expenses DISABLE TRIGGER USER"
$PSQL -d bench_floor_2 -c "ALTER TABLE expenses DISABLE TRIGGER USER"
CONSORTIUM=$($PSQL -d bench_copy -t -A -c "SELECT id FROM consortia WHERE code = 'tsubame'")
FIRST_PROJECT=$($PSQL -d bench_copy -t -A -c "SELECT min(id) FROM adopted_projects")

echo "== generating $LINES lines over $PROJECTS projects"
python3 bench/expense-import/generate.py "$LINES" "$PROJECTS" "$WORK/expenses.csv" "$WORK/expenses.tsv" "$CONSORTIUM" "$FIRST_PROJECT"
ls -la "$WORK/expenses.csv" | awk '{printf "   file: %.1f MB\n", $5/1048576}'

now() { date +%s.%N; }
rate() { python3 -c "import sys; print(f'{int(sys.argv[1])/float(sys.argv[2]):,.0f}')" "$1" "$2"; }
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1])/float(sys.argv[2]):.2f}')" "$1" "$2"; }
# CPU seconds the cluster has used so far: the postmaster, its live children, and the backends
# it has reaped (cutime/cstime). On a shared machine wall time follows the load; CPU does not.
server_cpu() {
  local pm; pm=$(head -1 "$WORK/data/postmaster.pid")
  { awk '{print $14 + $15 + $16 + $17}' "/proc/$pm/stat"
    for c in $(cat "/proc/$pm/task/$pm/children"); do awk '{print $14 + $15}' "/proc/$c/stat" 2>/dev/null || true; done
  } | awk -v hz="$(getconf CLK_TCK)" '{t += $1} END {printf "%.2f", t / hz}'
}
# measure NAME COMMAND...: wall seconds and client + server CPU seconds of one run, which
# starts after a checkpoint so that it does not pay for writing out what ran before it.
measure() {
  local name=$1; shift
  local c0 t0 t1 c1
  $PSQL -d postgres -c "CHECKPOINT"
  c0=$(server_cpu); t0=$(now)
  /usr/bin/time -f "%M %U %S" -o "$WORK/time" "$@" >/dev/null
  t1=$(now)
  sleep 1  # until the postmaster has reaped the client's backend and counted its CPU
  c1=$(server_cpu)
  read -r mem user sys < "$WORK/time"
  printf -v "${name}_s" '%s' "$(python3 -c "print(round($t1 - $t0, 2))")"
  printf -v "${name}_cpu" '%s' "$(python3 -c "print(round($c1 - $c0 + $user + $sys, 2))")"
  printf -v "${name}_mem" '%s' "$mem"
}
COLUMNS_OF_TSV="consortium_id, project_id, line_ref, category, incurred_on, paid_on, payee, description, amount_excl_tax_yen, tax_yen, evidence_ref"

# faster NAME: NAME_s and NAME_cpu as the smaller of NAME1's and NAME2's (each on its own).
faster() {
  local name=$1 a b
  for unit in s cpu; do
    a=${name}1_$unit; b=${name}2_$unit
    printf -v "${name}_$unit" '%s' "$(python3 -c "print(min(${!a}, ${!b}))")"
  done
  a=${name}1_mem; b=${name}2_mem
  printf -v "${name}_mem" '%s' "$(( ${!a} > ${!b} ? ${!a} : ${!b} ))"
}
for run in 1 2; do
  suffix=$([ "$run" = 1 ] && echo "" || echo "_2")
  echo "== jinjibu import expenses (run $run)"
  measure "import$run" "$JINJIBU" import expenses "$WORK/expenses.csv" --database-url "postgresql:///bench_import$suffix?host=$WORK&user=postgres"
  echo "== psql \\copy of the same rows into expenses without its triggers (the floor, run $run)"
  measure "floor$run" $PSQL -d "bench_floor$suffix" -c "\\copy expenses ($COLUMNS_OF_TSV) FROM '$WORK/expenses.tsv'"
done
faster import
faster floor

echo "== psql \\copy of the same rows into expenses (same schema, triggers and indexes)"
measure copy $PSQL -d bench_copy -c "\\copy expenses ($COLUMNS_OF_TSV) FROM '$WORK/expenses.tsv'"


echo "== psql \\copy of the same CSV file into a plain text table (no constraints or triggers)"
$PSQL -d bench_copy -c "CREATE UNLOGGED TABLE raw_expenses (project text, category text, incurred_on text, paid_on text, payee text, description text, amount text, tax text, evidence text)"
measure raw $PSQL -d bench_copy -c "\\copy raw_expenses FROM '$WORK/expenses.csv' (FORMAT csv, HEADER true)"

for db in bench_import bench_import_2 bench_floor bench_floor_2; do
  count=$($PSQL -d "$db" -t -A -c "SELECT count(*) FROM expenses")
  [ "$count" -eq "$LINES" ] || { echo "expected $LINES rows in $db, found $count"; exit 1; }
done

echo
echo "Expense import benchmark: $LINES lines, $PROJECTS projects ($(nproc) cores)"
printf '  %-52s %8s %9s %13s\n' "" "wall s" "CPU s" "rows/s (wall)"
line() { printf '  %-52s %8s %9s %13s\n' "$1" "$2" "$3" "$(rate "$LINES" "$2")"; }
line "jinjibu import expenses, run 1" "$import1_s" "$import1_cpu"
line "jinjibu import expenses, run 2" "$import2_s" "$import2_cpu"
line "psql \\copy into expenses, no triggers (floor), run 1" "$floor1_s" "$floor1_cpu"
line "psql \\copy into expenses, no triggers (floor), run 2" "$floor2_s" "$floor2_cpu"
line "jinjibu import expenses (validate, stage, write)" "$import_s" "$import_cpu"
line "psql \\copy into expenses (same table, triggers)" "$copy_s" "$copy_cpu"
line "psql \\copy into expenses, no triggers (floor)" "$floor_s" "$floor_cpu"
line "psql \\copy of the CSV into a raw text table" "$raw_s" "$raw_cpu"
echo "  jinjibu / raw \\copy:  $(ratio "$import_s" "$raw_s")× wall, $(ratio "$import_cpu" "$raw_cpu")× CPU   (issue #18 goal: ≤ 5×)"
echo "  jinjibu / floor:       $(ratio "$import_s" "$floor_s")× wall, $(ratio "$import_cpu" "$floor_cpu")× CPU   (issue #18 goal: ≤ 1.5×; the faster of two runs each)"
echo "  CPU s = client + PostgreSQL server; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "  jinjibu peak memory: $(( import_mem / 1024 )) MiB"
echo "Reproduce: bash bench/expense-import/run.sh $LINES $PROJECTS"
