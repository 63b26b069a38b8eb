# Shared by scripts/run and scripts/test: installing what a fresh Debian/Ubuntu machine lacks.

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=""
apt_install() {
  echo "==> Installing Debian/Ubuntu package(s): $*" >&2
  if [ -z "$apt_updated" ]; then
    as_root apt-get update -qq >&2
    apt_updated=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

ensure_dotnet() {
  if command -v dotnet >/dev/null 2>&1; then return; fi
  echo "==> The .NET SDK is missing; trying the distribution package dotnet-sdk-10.0" >&2
  if ! apt_install dotnet-sdk-10.0; then
    echo "Could not install the .NET 10 SDK from the distribution. Install it from https://dot.net/v1/dotnet-install.sh and re-run." >&2
    exit 1
  fi
}

ensure_influxd() {
  if command -v influxd >/dev/null 2>&1; then return; fi
  echo "==> influxd is missing; installing the distribution's InfluxDB server (package influxdb)" >&2
  apt_install influxdb influxdb-client
  # The package may enable a system service on port 8086; GrowthMonitor runs its own servers and needs none.
}

postgres_bin_dir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

ensure_postgres() {
  local bin
  bin=$(postgres_bin_dir)
  if [ -n "$bin" ] && [ -x "$bin/initdb" ]; then return; fi
  echo "==> PostgreSQL server binaries are missing; installing the distribution package postgresql" >&2
  apt_install postgresql
}

# PostgreSQL refuses to run as root: as root, its programs run as the postgres user the package creates.
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

own_by_postgres() {
  if [ "$(id -u)" -eq 0 ]; then chown -R postgres "$1"; fi
}

ensure_node() {
  if command -v npm >/dev/null 2>&1; then return; fi
  echo "==> npm is missing; installing the distribution packages nodejs and npm (axe-core for the browser tests)" >&2
  apt_install nodejs npm
}

ensure_chromium() {
  if command -v chromium >/dev/null 2>&1; then return; fi
  echo "==> chromium is missing; installing the distribution package (used by the browser tests: the HTML report, the front page, sign-in)" >&2
  apt_install chromium
}
