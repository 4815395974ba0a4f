#!/usr/bin/env bash
# The same pages and API reads as each role that reads a project: an administrator, the Kanto
# bureau (the row-level security policies find its consortia from its prefectures, and the
# organisations tied to them) and the project's own secretariat. Times each with curl against a
# running `jinjibu serve` over the export benchmark's data (bench/export/generate.sql), one
# request at a time, and prints the median and slowest of the runs per role and the command
# that reproduces them. time_starttransfer on the loopback is the server's time to the first
# byte.
#
#   bench/role-pages/run.sh [CONSORTIA] [LINES] [RUNS]        # default 1000 200000 15
#   BIN=/path/to/jinjibu bench/role-pages/run.sh …            # an existing build, no release build
#   JINJIBU_SQL_DIR=/path/to/sql bench/role-pages/run.sh …   # another sql/ (its migrations/ and reference/)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
consortia=${1:-1000}
lines=${2:-200000}
runs=${3:-15}
port=18195

source bench/private-cluster.sh role-pages
psql+=(-At)
"$bin" migrate >/dev/null 2>&1
echo "generating $consortia consortia, $lines expense lines…" >&2
"${psql[@]}" -v consortia="$consortia" -v lines="$lines" -f "$root/bench/export/generate.sql" >/dev/null
"${psql[@]}" -c "ANALYZE"

# The first project in the Kanto bureau's prefectures, with a submitted claim, and its consortium.
read -r project consortium < <("${psql[@]}" -F ' ' -c "
  SELECT p.code, c.code FROM adopted_projects p JOIN consortia c ON c.id = p.consortium_id
  JOIN prefectures pr ON pr.code = p.prefecture_code WHERE pr.bureau = 'kanto' ORDER BY p.code LIMIT 1")
"$bin" claim submit "$project" --as-of 2025-06-30 >/dev/null 2>&1
declare -A tokens
for role in admin bureau secretariat; do
  case $role in
    admin) options=(--role admin) ;;
    bureau) options=(--role bureau --bureau kanto) ;;
    secretariat) options=(--role secretariat --consortium "$consortium") ;;
  esac
  head -c 24 /dev/urandom | base64 | "$bin" user add "bench-$role" "${options[@]}" --password-stdin >/dev/null 2>&1
  tokens[$role]=$("$bin" token create --user "bench-$role" --name pages --expires-in-days 1 2>/dev/null)
done
"$bin" serve --port "$port" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 1; done

paths=(
  "/projects?year=2024"
  "/projects/$project/claim"
  "/projects/$project/claims/1"
  "/projects/$project/expenses"
  "/consortia/$consortium"
  "/consortia/$consortium/members"
  "/consortia/$consortium/outcomes"
  "/bureau/report"
  "/api/v1/projects/$project"
  "/api/v1/projects/$project/claims/1"
  "/api/v1/projects/$project/timeline"
  "/api/v1/organizations?limit=50"
)
printf '\njinjibu pages by role: %s consortia, %s expense lines, project %s of consortium %s, %s runs each, %s cores, %s\n' \
  "$consortia" "$lines" "$project" "$consortium" "$runs" "$(nproc)" "$bin"
printf '  %-42s %22s %22s %22s\n' "median / slowest ms" "admin" "bureau (Kanto)" "secretariat"
for path in "${paths[@]}"; do
  row=$(printf '  %-42s' "$path")
  for role in admin bureau secretariat; do
    url="http://127.0.0.1:$port$path"
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer ${tokens[$role]}" "$url")
    # A page the role may not open (the bureau report for a secretariat) has no figure.
    if [ "$status" = 403 ]; then row+=$(printf ' %22s' "(not this role's)"); continue; fi
    [ "$status" = 200 ] || { echo "$path as $role answers $status; see the log:" >&2; tail -20 "$work/serve.log" >&2; exit 1; }
    figure=$(for _ in $(seq 1 "$runs"); do
      curl -s -o /dev/null -w '%{time_starttransfer}\n' -H "Authorization: Bearer ${tokens[$role]}" "$url"
    done | sort -n | awk '{t[NR]=$1*1000} END {printf "%.1f / %.1f", t[int((NR+1)/2)], t[NR]}')
    row+=$(printf ' %22s' "$figure")
  done
  echo "$row"
done
echo "reproduce: bench/role-pages/run.sh $consortia $lines $runs"
