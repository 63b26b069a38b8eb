#!/usr/bin/env bash
# Read benchmark: requests/s and p99 latency of the API's evaluation reads, side by side in one run with InfluxDB's own
# /query answering the stored status and trajectory of the same target. Everything on loopback: a throwaway influxd and
# a throwaway PostgreSQL (the service's durable store, required), the service (Release build) on the bundled catalog
# with the bundled demo figures (Demo:Enabled: the synthetic sample of Statistics Denmark answers) ingested and judged
# by the one-shot `ingest` and `evaluate` commands, and wrk as the load generator. It also counts what the service
# asked of InfluxDB and PostgreSQL while it answered, to show that reads come from the assessments in memory.
#   benchmarks/read/run.sh [seconds per measurement, default 10] [rounds, default 3]
# Pages: the signed-in pages /mine-maal and /maal/{id} for a contributor with 20 targets (benchmarks/read/pages-catalog.json),
# side by side with /health/live, the cheapest answer the service gives. The benchmark signs the member in as a sign-in
# link would: a member row and a session (the cookie's token, kept as its SHA-256 hash) written to PostgreSQL.
#   benchmarks/read/run.sh pages [seconds per measurement, default 10] [rounds, default 3]
# Soak: the API's reads in turn at a fixed rate for a long time, one line a minute with that minute's p99 latency and
# the service's resident memory (VmRSS), to show neither drifts. wrk has no fixed-rate mode (wrk2 is not packaged), so
# each of SOAK_CONNECTIONS connections (default 10) waits connections/rate seconds before each request.
#   benchmarks/read/run.sh soak [minutes, default 10] [requests/s, default 50]
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib.sh

mode=compare
if [[ "${1:-}" == soak || "${1:-}" == pages ]]; then
  mode=$1
  shift
fi
seconds="${1:-10}"
rounds="${2:-3}"
connections="${CONNECTIONS:-32}"
ensure_dotnet
ensure_influxd
ensure_postgres
command -v wrk >/dev/null 2>&1 || apt_install wrk
command -v curl >/dev/null 2>&1 || apt_install curl

work=$(mktemp -d)
# PostgreSQL's own folder, apart: as root its programs run as the postgres user, who may not enter $work.
pg=$(mktemp -d)
influx_port=$((20000 + RANDOM % 20000))
service_port=$((influx_port + 2))
pg_port=$((influx_port + 3))
pg_bin=$(postgres_bin_dir)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -f "$pg/data/postmaster.pid" ] && as_postgres "$pg_bin/pg_ctl" -D "$pg/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$work" "$pg"
}
trap cleanup EXIT

cat > "$work/influxdb.conf" <<CONF
reporting-disabled = true
bind-address = "127.0.0.1:$((influx_port + 1))"
[meta]
  dir = "$work/meta"
[data]
  dir = "$work/data"
  wal-dir = "$work/wal"
  query-log-enabled = false
[http]
  bind-address = "127.0.0.1:$influx_port"
  log-enabled = false
[monitor]
  store-enabled = false
CONF
influxd run -config "$work/influxdb.conf" >"$work/influxd.log" 2>&1 &
pids+=($!)
influx="http://127.0.0.1:$influx_port"
until curl -fsS "$influx/ping" >/dev/null 2>&1; do sleep 0.2; done

# PostgreSQL as the tests start it: a cluster of its own in the temp folder, on loopback, fsync off (nothing to keep).
mkdir -p "$pg/sock"
head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$pg/password"
own_by_postgres "$pg"
as_postgres "$pg_bin/initdb" -D "$pg/data" -U postgres --pwfile="$pg/password" \
  --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$pg/initdb.log" 2>&1 || { cat "$pg/initdb.log" >&2; exit 1; }
as_postgres "$pg_bin/pg_ctl" -D "$pg/data" -l "$pg/postgres.log" -w -t 30 \
  -o "-p $pg_port -c listen_addresses=127.0.0.1 -k $pg/sock -c fsync=off" start >/dev/null
psql_bench() { "$pg_bin/psql" -h "$pg/sock" -p "$pg_port" -U postgres -tAq "$@"; }
psql_bench -c "CREATE DATABASE growthmonitor_demo" postgres

echo "==> Building the service (Release)" >&2
dotnet build src/GrowthMonitor/GrowthMonitor.csproj -c Release --nologo -v quiet -clp:ErrorsOnly >&2
service_dll="$PWD/src/GrowthMonitor/bin/Release/net10.0/GrowthMonitor.dll"
export Influx__Url="$influx" Influx__Database=bench_demo Demo__Enabled=true \
  ConnectionStrings__GrowthMonitor="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=$(cat "$pg/password");Database=growthmonitor_demo" \
  Ingestion__IngestNewIndicatorsAtStart=false Logging__LogLevel__Default=Warning \
  RateLimiting__PermitLimit=1000000 # the load comes from one client; the limiter is not what is measured
[[ $mode == pages ]] && export Catalog__Path="$PWD/benchmarks/read/pages-catalog.json"

echo "==> Ingesting the demo figures and judging the targets" >&2
# The service's own commands: the figures go through the real pipeline (vintages committed in PostgreSQL's run log),
# the assessments into PostgreSQL, their projection into InfluxDB.
for command in ingest evaluate; do
  (cd src/GrowthMonitor && dotnet "$service_dll" "$command" >"$work/$command.log" 2>&1) || { cat "$work/$command.log" >&2; exit 1; }
done

(cd src/GrowthMonitor && exec dotnet "$service_dll" --urls "http://127.0.0.1:$service_port") >"$work/service.log" 2>&1 &
service_pid=$!
pids+=("$service_pid")
service="http://127.0.0.1:$service_port"
until curl -fsS "$service/health/live" >/dev/null 2>&1; do sleep 0.2; done

wrk_headers=()
if [[ $mode == pages ]]; then
  member=bench@hedensted.example
  token=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
  token_hash=$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)
  psql_bench -d growthmonitor_demo -c "INSERT INTO growthmonitor.members (alliance, email, name, role, focus_areas, created_at, updated_at)
    VALUES ('hedensted', '$member', 'Benchmark Bidragyder', 'contributor', '{\"Det gode erhvervsliv\"}', now(), now());
    INSERT INTO growthmonitor.sessions (token_hash, email, name, operator, created_at, expires_at, last_seen_at)
    VALUES (decode('$token_hash', 'hex'), '$member', 'Benchmark Bidragyder', false, now(), now() + interval '1 day', now())"
  # A browser keeps the antiforgery cookie the first page set (the pages' forms carry a token for it); without it every
  # request would make a new cookie token too.
  antiforgery=$(curl -fsS -D - -o /dev/null -H "Cookie: GrowthMonitor.Session=$token" "$service/mine-maal" | tr -d '\r' \
    | sed -n 's/^[Ss]et-[Cc]ookie: \(\.AspNetCore\.Antiforgery\.[^;]*\).*/\1/p' | head -n 1)
  [[ -n $antiforgery ]] || { echo "/mine-maal set no antiforgery cookie" >&2; exit 1; }
  wrk_headers=(-H "Cookie: GrowthMonitor.Session=$token; $antiforgery")
  declare -A urls=(
    ["GET /health/live"]="$service/health/live"
    ["GET /mine-maal (20 targets)"]="$service/mine-maal"
    ["GET /maal/{id}"]="$service/maal/hedensted-bench-01"
  )
  order=("GET /health/live" "GET /mine-maal (20 targets)" "GET /maal/{id}")
  # Signed in, the page lists the member's 20 targets; anything else (a redirect to /log-ind) would measure nothing.
  listed=$(curl -fsS -H "Cookie: GrowthMonitor.Session=$token" "$service/mine-maal" | grep -o 'href="/maal/hedensted-bench-[0-9]*"' | sort -u | wc -l)
  [[ $listed == 20 ]] || { echo "/mine-maal lists $listed of the member's 20 targets" >&2; exit 1; }
else
target=horsens-jobs
query="SELECT * FROM target_evaluation WHERE target = '$target' ORDER BY time DESC LIMIT 1; SELECT * FROM target_trajectory WHERE target = '$target'"
urlencode() {
  local text="$1" encoded="" c i
  for ((i = 0; i < ${#text}; i++)); do
    c=${text:i:1}
    case "$c" in [a-zA-Z0-9.~_-]) encoded+="$c" ;; *) encoded+=$(printf '%%%02X' "'$c") ;; esac
  done
  echo "$encoded"
}
encoded=$(urlencode "$query")
declare -A urls=(
  ["InfluxDB /query (stored status + trajectory)"]="$influx/query?db=bench_demo&epoch=s&q=$encoded"
  ["GET /api/targets/{id}"]="$service/api/targets/$target"
  ["GET /api/targets"]="$service/api/targets"
  ["GET /api/alliances/horsens/reports/2024 (HTML)"]="$service/api/alliances/horsens/reports/2024?format=html"
)
order=("InfluxDB /query (stored status + trajectory)" "GET /api/targets/{id}" "GET /api/targets" "GET /api/alliances/horsens/reports/2024 (HTML)")
fi
# Every answer must be a 200; a short load warms up the JIT and the caches before anything is measured.
for name in "${order[@]}"; do curl -fsS "${wrk_headers[@]}" "${urls[$name]}" >/dev/null; wrk -t1 -c4 -d2s "${wrk_headers[@]}" "${urls[$name]}" >/dev/null; done

# wrk prints "N requests in", "Requests/sec: N" and, with --latency, "99% Xms|Xus|Xs"; the answer is
# "requests/s p99-in-ms requests".
summarise() {
  awk '
    / requests in / { n = $1 }
    /Requests\/sec/ { rps = $2 }
    $1 == "99%" { v = $2; unit = v; gsub(/[0-9.]/, "", unit); sub(/[a-z]+$/, "", v);
                  p99 = (unit == "us") ? v / 1000 : (unit == "s") ? v * 1000 : v }
    /Non-2xx/ { bad = $NF }
    END { if (bad) { print "non-2xx answers: " bad > "/dev/stderr"; exit 1 } printf "%.0f %.2f %d\n", rps, p99, n }'
}
measure() { wrk -t2 -c"$connections" -d"${seconds}s" --latency "${wrk_headers[@]}" "$1" | summarise; }

rss_mb() { awk '/^VmRSS/ { printf "%.0f\n", $2 / 1024 }' "/proc/$service_pid/status"; }

if [[ $mode == soak ]]; then
  minutes="${1:-10}"
  rate="${2:-50}"
  soak_connections="${SOAK_CONNECTIONS:-10}"
  # Each connection waits before each request, so that the connections together ask about $rate times a second;
  # latency is measured from the request's start, after the wait.
  cat >"$work/soak.lua" <<LUA
paths = { "/api/targets/$target", "/api/targets", "/api/alliances/horsens/reports/2024?format=html", "/api/indicators/jobs/series" }
n = 0
request = function() n = n + 1; return wrk.format("GET", paths[n % #paths + 1]) end
delay = function() return $((soak_connections * 1000 / rate)) end
LUA
  curl -fsS "$service/api/indicators/jobs/series" >/dev/null
  rss_start=$(rss_mb)
  echo "Soak: $minutes min at $rate requests/s ($soak_connections connections), $(nproc) cores; service RSS at start $rss_start MB" >&2
  p99s=() rates=()
  for minute in $(seq 1 "$minutes"); do
    read -r r l _ < <(wrk -t1 -c"$soak_connections" -d60s --latency -s "$work/soak.lua" "$service" | summarise)
    p99s+=("$l") rates+=("$r")
    echo "minute $minute: $r requests/s, p99 $l ms, RSS $(rss_mb) MB" >&2
  done
  rss_end=$(rss_mb)
  echo
  echo "| soak | requests/s | p99 first minute (ms) | p99 last minute (ms) | p99 worst minute (ms) | RSS start (MB) | RSS end (MB) |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  printf '| %s min, %s connections, %s cores | %s | %s | %s | %s | %s | %s |\n' "$minutes" "$soak_connections" "$(nproc)" \
    "$(printf '%s\n' "${rates[@]}" | awk '{ sum += $1 } END { printf "%.0f", sum / NR }')" \
    "${p99s[0]}" "${p99s[-1]}" "$(printf '%s\n' "${p99s[@]}" | sort -g | tail -1)" "$rss_start" "$rss_end"
  exit 0
fi

# What the service asks of the stores while it answers: InfluxDB's own request counters, and PostgreSQL's
# transactions on the service's database (Hangfire's queue polling and the assessment watcher's look for newer runs
# take a few a second whatever the load).
influx_queries() { curl -fsS "$influx/debug/vars" | grep -o '"queryReq":[0-9]*' | awk -F: '{ sum += $2 } END { print sum + 0 }'; }
pg_transactions() { psql_bench -c "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = 'growthmonitor_demo'" postgres; }

declare -A rps p99
service_requests=0 service_influx_queries=0 service_pg_transactions=0
for round in $(seq 1 "$rounds"); do
  for name in "${order[@]}"; do
    queries_before=$(influx_queries) transactions_before=$(pg_transactions)
    read -r r l n < <(measure "${urls[$name]}")
    if [[ $name != "${order[0]}" ]]; then
      service_requests=$((service_requests + n))
      service_influx_queries=$((service_influx_queries + $(influx_queries) - queries_before))
      service_pg_transactions=$((service_pg_transactions + $(pg_transactions) - transactions_before))
    fi
    rps[$name]+="$r "; p99[$name]+="$l "
    echo "round $round: $name: $r requests/s, p99 $l ms" >&2
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
baseline=$(echo "${rps[${order[0]}]}" | median)
echo
echo "Medians of $rounds rounds of ${seconds} s, wrk -t2 -c$connections, $(nproc) cores:"
echo
echo "| request | requests/s | p99 (ms) | ratio to ${order[0]} |"
echo "|---|---:|---:|---:|"
for name in "${order[@]}"; do
  r=$(echo "${rps[$name]}" | median); l=$(echo "${p99[$name]}" | median)
  printf '| %s | %.0f | %.2f | %.2f |\n' "$name" "$r" "$l" "$(echo "$r $baseline" | awk '{ print $1 / $2 }')"
done
echo
echo "While the service answered $service_requests requests: $service_influx_queries InfluxDB queries, $service_pg_transactions PostgreSQL transactions."
