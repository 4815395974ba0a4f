#!/usr/bin/env bash
# The expenses page of one project with many lines (issue #18's last row: 5,000 lines, goal
# < 100 ms on the server): times GET /projects/P000001/expenses for the first page, a middle
# page, the filters and the sorts, with curl against a running `jinjibu serve` over the
# export benchmark's data shape (bench/export/generate.sql with one consortium), and prints
# each figure (median and slowest of the runs, bytes) and the command that reproduces it.
# time_starttransfer on the loopback is the server's time to the first byte of the page.
#
#   bench/expenses-page/run.sh [LINES] [RUNS]          # default 5000 20
#   BIN=.build/debug/jinjibu bench/expenses-page/run.sh   # an existing build, no release build
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
lines=${1:-5000}
runs=${2:-20}
port=18190

source bench/private-cluster.sh expenses-page
"$bin" migrate >/dev/null 2>&1
echo "generating one project with $lines expense lines…" >&2
"${psql[@]}" -v consortia=1 -v lines="$lines" -f "$root/bench/export/generate.sql" >/dev/null
"${psql[@]}" -c "ANALYZE"
head -c 24 /dev/urandom | base64 | "$bin" user add pagebench --role admin --password-stdin >/dev/null 2>&1
token=$("$bin" token create --user pagebench --name pages --expires-in-days 1 2>/dev/null)
"$bin" serve --port "$port" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 1; done

base="http://127.0.0.1:$port/projects/P000001/expenses?as_of=2025-06-30"
last=$(( (lines + 99) / 100 ))
cases=(
  "first page|"
  "middle page|&page=$(( (last + 1) / 2 ))"
  "last page|&page=$last"
  "only ineligible|&show=ineligible"
  "only eligible, page 2|&show=eligible&page=2"
  "only excluded|&show=excluded"
  "one category by amount|&category=venue&sort=amount_desc"
  "by number, page 3|&sort=number&page=3"
)
printf '\njinjibu expenses page: one project, %s lines, %s runs each, %s cores, %s\n' "$lines" "$runs" "$(nproc)" "$bin"
printf '  %-34s %10s %10s %10s\n' "page" "median ms" "max ms" "bytes"
for entry in "${cases[@]}"; do
  name=${entry%%|*}
  url="$base${entry#*|}"
  curl -fs -o /dev/null -H "Authorization: Bearer $token" "$url" \
    || { echo "$name: the page does not answer; see the log:" >&2; cat "$work/serve.log" >&2; exit 1; }
  for _ in $(seq 1 "$runs"); do
    curl -s -o /dev/null -w '%{time_starttransfer} %{size_download}\n' -H "Authorization: Bearer $token" "$url"
  done | sort -n | awk -v name="$name" '{t[NR]=$1*1000; b=$2} END {printf "  %-34s %10.1f %10.1f %10d\n", name, t[int((NR+1)/2)], t[NR], b}'
done
# For scale: the claim computation alone over the same lines (the page runs it for the
# totals and each line's eligibility), as the API answers it.
curl -fs -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/projects/P000001/claim-preview?as_of=2025-06-30"
for _ in $(seq 1 "$runs"); do
  curl -s -o /dev/null -w '%{time_starttransfer} %{size_download}\n' -H "Authorization: Bearer $token" \
    "http://127.0.0.1:$port/api/v1/projects/P000001/claim-preview?as_of=2025-06-30"
done | sort -n | awk '{t[NR]=$1*1000; b=$2} END {printf "  %-34s %10.1f %10.1f %10d\n", "(API claim computation alone)", t[int((NR+1)/2)], t[NR], b}'
echo "reproduce: bench/expenses-page/run.sh $lines $runs"
