#!/usr/bin/env bash
# Makes sure PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) are up: starts them when they are down,
# and installs them from Debian's packages when they are missing and the machine allows it (root + apt-get).
set -euo pipefail

log() { echo "[services] $*" >&2; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && exec 3>&- 3<&-; }

wait_for_port() {
  local port=$1 name=$2
  for _ in $(seq 1 60); do
    if port_open "$port"; then log "$name is up on 127.0.0.1:$port"; return 0; fi
    sleep 0.5
  done
  log "$name did not come up on 127.0.0.1:$port"; return 1
}

can_install() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }
apt_updated=0
apt_install() {
  if ! can_install; then log "cannot install $* here (need root and apt-get)"; return 1; fi
  if [ $apt_updated = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_postgres() {
  if port_open 5432; then log "PostgreSQL is up on 127.0.0.1:5432"; return 0; fi
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    log "PostgreSQL is not installed; installing"
    apt_install postgresql
  fi
  local version
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  # Trust auth on loopback, as the tests expect (a fresh Debian install asks for passwords).
  local hba="/etc/postgresql/$version/main/pg_hba.conf"
  if [ -f "$hba" ] && ! grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
    sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\nlocal all all trust' "$hba"
  fi
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  wait_for_port 5432 PostgreSQL
  if ! psql -h 127.0.0.1 -U postgres -tAc "select 1 from pg_database where datname='test'" | grep -q 1; then
    psql -h 127.0.0.1 -U postgres -c "create database test" >/dev/null
  fi
}

ensure_redis() {
  if port_open 6379; then log "Redis is up on 127.0.0.1:6379"; return 0; fi
  if ! command -v redis-server >/dev/null 2>&1; then
    log "Redis is not installed; installing"
    apt_install redis-server
  fi
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  wait_for_port 6379 Redis
}

ensure_postgres
ensure_redis
