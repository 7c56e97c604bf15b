#!/usr/bin/env bash
# Run a command with REDIS_URL set: the configured Redis if there is one,
# otherwise a private, throw-away redis-server on a free local port.
set -euo pipefail
if [ -n "${REDIS_URL:-}" ]; then
  exec "$@"
fi
if ! command -v redis-server >/dev/null 2>&1; then
  echo "The test suite needs Redis: set REDIS_URL, or install redis-server (make test does so as root on Debian)." >&2
  exit 1
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
dir=$(mktemp -d)
redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$dir" \
  --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
trap 'redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
export REDIS_URL="redis://127.0.0.1:$port/0"
echo "Using a private Redis at $REDIS_URL"
"$@"
