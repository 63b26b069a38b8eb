#!/usr/bin/env bash
# Read benchmark: requests/s and p99 latency of the API's evaluation reads, side by side in one run with InfluxDB's own
# /query answering the stored status and trajectory of the same target. Everything on loopback: a throwaway influxd,
# the service (Release build) on the bundled catalog with synthetic job figures for 2010–2024 written straight to
# InfluxDB and judged by the one-shot `evaluate` command, and wrk as the load generator.
#   benchmarks/read/run.sh [seconds per measurement, default 10] [rounds, default 3]
# Soak: the API's reads in turn at a fixed rate for a long time, one line a minute with that minute's p99 latency and
# the service's resident memory (VmRSS), to show neither drifts. wrk has no fixed-rate mode (wrk2 is not packaged), so
# each of SOAK_CONNECTIONS connections (default 10) waits connections/rate seconds before each request.
#   benchmarks/read/run.sh soak [minutes, default 10] [requests/s, default 50]
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib.sh

mode=compare
if [[ "${1:-}" == soak ]]; then
  mode=soak
  shift
fi
seconds="${1:-10}"
rounds="${2:-3}"
connections="${CONNECTIONS:-32}"
ensure_dotnet
ensure_influxd
command -v wrk >/dev/null 2>&1 || apt_install wrk
command -v curl >/dev/null 2>&1 || apt_install curl

work=$(mktemp -d)
influx_port=$((20000 + RANDOM % 20000))
service_port=$((influx_port + 2))
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
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

echo "==> Building the service (Release)" >&2
dotnet build src/GrowthMonitor/GrowthMonitor.csproj -c Release --nologo -v quiet -clp:ErrorsOnly >&2
service_dll="$PWD/src/GrowthMonitor/bin/Release/net10.0/GrowthMonitor.dll"
export Influx__Url="$influx" Influx__Database=bench StatBank__BaseUrl="http://127.0.0.1:9/v1/" \
  Ingestion__IngestNewIndicatorsAtStart=false Logging__LogLevel__Default=Warning \
  RateLimiting__PermitLimit=1000000 # the load comes from one client; the limiter is not what is measured

echo "==> Seeding synthetic job figures and judging the targets" >&2
curl -fsS -XPOST "$influx/query" --data-urlencode "q=CREATE DATABASE bench WITH DURATION INF SHARD DURATION 5200w" >/dev/null
{
  echo 'indicator_info,indicator=jobs frequency="year",table="ERHV2" 0'
  # area:start:step — Horsens, the MidtVest municipalities, Region Midtjylland and Denmark.
  for spec in 615:38000:430 657:45000:300 661:27000:150 756:20000:180 665:7000:-20 760:25000:120 779:21000:90 671:8500:10 \
              082:560000:4200 000:2700000:21000; do
    IFS=: read -r area start step <<<"$spec"
    for year in $(seq 2010 2024); do
      echo "jobs,area=$area,table=ERHV2 value=$((start + step * (year - 2010))) $(date -u -d "$year-01-01" +%s)"
    done
  done
} | curl -fsS -XPOST "$influx/write?db=bench&precision=s" --data-binary @- >/dev/null
(cd src/GrowthMonitor && dotnet "$service_dll" evaluate >"$work/evaluate.log") || { cat "$work/evaluate.log" >&2; exit 1; }

(cd src/GrowthMonitor && exec dotnet "$service_dll" --urls "http://127.0.0.1:$service_port") >"$work/service.log" 2>&1 &
service_pid=$!
pids+=("$service_pid")
service="http://127.0.0.1:$service_port"
until curl -fsS "$service/health/live" >/dev/null 2>&1; do sleep 0.2; done

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
  ["InfluxDB /query (stored status + trajectory)"]="$influx/query?db=bench&epoch=s&q=$encoded"
  ["GET /api/targets/{id}"]="$service/api/targets/$target"
  ["GET /api/targets"]="$service/api/targets"
  ["GET /api/alliances/horsens/reports/2024 (HTML)"]="$service/api/alliances/horsens/reports/2024?format=html"
)
order=("InfluxDB /query (stored status + trajectory)" "GET /api/targets/{id}" "GET /api/targets" "GET /api/alliances/horsens/reports/2024 (HTML)")
# Every answer must be a 200; a short load warms up the JIT and the caches before anything is measured.
for name in "${order[@]}"; do curl -fsS "${urls[$name]}" >/dev/null; wrk -t1 -c4 -d2s "${urls[$name]}" >/dev/null; done

# wrk prints "Requests/sec: N" and, with --latency, "99% Xms|Xus|Xs"; the answer is "requests/s p99-in-ms".
summarise() {
  awk '
    /Requests\/sec/ { rps = $2 }
    $1 == "99%" { v = $2; unit = v; gsub(/[0-9.]/, "", unit); sub(/[a-z]+$/, "", v);
                  p99 = (unit == "us") ? v / 1000 : (unit == "s") ? v * 1000 : v }
    /Non-2xx/ { bad = $NF }
    END { if (bad) { print "non-2xx answers: " bad > "/dev/stderr"; exit 1 } printf "%.0f %.2f\n", rps, p99 }'
}
measure() { wrk -t2 -c"$connections" -d"${seconds}s" --latency "$1" | summarise; }

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
    read -r r l < <(wrk -t1 -c"$soak_connections" -d60s --latency -s "$work/soak.lua" "$service" | summarise)
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

declare -A rps p99
for round in $(seq 1 "$rounds"); do
  for name in "${order[@]}"; do
    read -r r l < <(measure "${urls[$name]}")
    rps[$name]+="$r "; p99[$name]+="$l "
    echo "round $round: $name: $r requests/s, p99 $l ms" >&2
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
baseline=$(echo "${rps[${order[0]}]}" | median)
echo
echo "Medians of $rounds rounds of ${seconds} s, wrk -t2 -c$connections, $(nproc) cores:"
echo
echo "| request | requests/s | p99 (ms) | ratio to InfluxDB /query |"
echo "|---|---:|---:|---:|"
for name in "${order[@]}"; do
  r=$(echo "${rps[$name]}" | median); l=$(echo "${p99[$name]}" | median)
  printf '| %s | %.0f | %.2f | %.2f |\n' "$name" "$r" "$l" "$(echo "$r $baseline" | awk '{ print $1 / $2 }')"
done
