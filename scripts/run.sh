#!/usr/bin/env bash
# Starts every role in one process on :3000 (AURIXA_PORT to change) with the SQLite store in ./data.
set -euo pipefail
bin=${1:-./build/src/aurixa}
port=${AURIXA_PORT:-3000}
cat <<EOT
AURIXA all-in-one on http://localhost:${port}
  health:   curl http://localhost:${port}/health
  metrics:  curl http://localhost:${port}/metrics
  demo staff and patient accounts use the password in AURIXA_DEMO_PASSWORD (default: aurixa-demo)
  stop with Ctrl-C (graceful shutdown)
EOT
exec "$bin" serve --port "$port"
