# Sourced by the page benchmarks (bench/expenses-page, bench/role-pages) after `cd` to the
# repository root, with the name of the benchmark:
#
#   source bench/private-cluster.sh NAME
#
# The binary to measure, `bin` ($BIN, else a release build made here), and a private
# PostgreSQL under /tmp with an empty database `jinjibu` (DATABASE_URL exported, `psql` the
# client for it), both gone on exit along with the service whose process id the caller puts in
# `server`. As root, the cluster runs as the postgres user.

if [ -z "${BIN:-}" ]; then
  echo "building release…" >&2
  swift build -c release --product jinjibu >&2
  BIN="$(swift build -c release --show-bin-path)/jinjibu"
fi
bin=$(realpath "$BIN")
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$pgbin/initdb" ] || pgbin=$(dirname "$(command -v initdb)")
work=$(mktemp -d "/tmp/jinjibu-$1-XXXXXX")
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
"${runas[@]}" "$pgbin/pg_ctl" -D "$work/data" -l "$work/postgres.log" -w -o "-k $work -c listen_addresses=" start >/dev/null
export DATABASE_URL="postgresql:///jinjibu?host=$work&user=postgres"
"${runas[@]}" "$pgbin/createdb" -h "$work" -U postgres jinjibu
psql=(psql -X -q -v ON_ERROR_STOP=1 -h "$work" -U postgres -d jinjibu)
