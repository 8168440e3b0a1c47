#!/usr/bin/env bash
# pg-server.sh: a throwaway local PostgreSQL 15 + PostGIS 3 server for tests and benchmarks.
#   scripts/pg-server.sh start DIR [PORT [OWNER_PID]]
#                                           create a cluster in DIR (a new or empty folder),
#                                           start it on a socket in DIR, create the database
#                                           plancheck with PostGIS; print the libpq
#                                           connection string on stdout. With OWNER_PID, a
#                                           watchdog stops the server and deletes DIR when
#                                           that process ends, however it ends (a crashed or
#                                           killed test leaves no server behind)
#   scripts/pg-server.sh stop DIR           stop it and delete DIR
# The server listens on no TCP address, only on DIR's socket, with trust authentication; it
# runs as the user `postgres` when started by root (PostgreSQL refuses to run as root).
# Needs postgresql-15 and postgresql-15-postgis-3 (scripts/setup.sh test installs them).
set -euo pipefail

bin=/usr/lib/postgresql/15/bin
usage() { echo "usage: scripts/pg-server.sh start DIR [PORT] | stop DIR" >&2; exit 2; }
[ $# -ge 2 ] || usage
cmd=$1
dir=$2
port=${3:-54329}
owner=${4:-}

# as_owner CMD...: runs CMD as the cluster's owner (postgres when we are root)
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
start)
    [ -x "$bin/pg_ctl" ] || { echo "pg-server.sh: PostgreSQL 15 is not installed ($bin)" >&2; exit 1; }
    mkdir -p "$dir"
    [ -z "$(ls -A "$dir")" ] || { echo "pg-server.sh: <$dir> is not empty" >&2; exit 2; }
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    chmod 700 "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    # fsync off and a bigger work_mem: a scratch server, never data to keep
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-k $dir -p $port -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c work_mem=256MB -c shared_buffers=512MB -c max_parallel_workers_per_gather=2" \
        start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    conn="host=$dir port=$port user=postgres dbname=plancheck"
    psql -X -q -h "$dir" -p "$port" -U postgres -d postgres -c "CREATE DATABASE plancheck" >/dev/null
    psql -X -q -v ON_ERROR_STOP=1 "$conn" -c "CREATE EXTENSION postgis" >/dev/null
    if [ -n "$owner" ]; then
        # detached, with no inherited output, so that callers reading our stdout see EOF
        setsid bash -c 'while kill -0 "$1" 2>/dev/null && [ -d "$2" ]; do sleep 2; done
                        exec "$3" stop "$2"' watchdog "$owner" "$dir" "$(readlink -f "$0")" \
            </dev/null >/dev/null 2>&1 &
    fi
    echo "$conn"
    ;;
stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$dir"
    ;;
*) usage ;;
esac
