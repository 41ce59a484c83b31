#!/usr/bin/env bash
# Starts every role in one process on :3000 (AURIXA_PORT to change) with the SQLite store in ./data.
set -euo pipefail
bin=${1:-./build/src/aurixa}
port=${AURIXA_PORT:-3000}
cat <<EOT
AURIXA all-in-one on http://localhost:${port}
  health:   curl http://localhost:${port}/health
  metrics:  curl http://localhost:${port}/metrics
  log in:   curl -X POST http://localhost:${port}/api/v1/auth/login -H 'Content-Type: application/json' \
              -d '{"email":"admin@generalhospital.com","password":"${AURIXA_DEMO_PASSWORD:-aurixa-demo}"}'
  demo accounts (password: AURIXA_DEMO_PASSWORD, default aurixa-demo):
    admin@aurixa.io (platform_admin)   admin@generalhospital.com (tenant_admin, t-001)
    staff@downtownclinic.org (reception, t-002)   john.doe@email.com (patient, t-001)
    `aurixa seed` lists every seeded account; AURIXA_AUTH=off gives the original's open API
  stop with Ctrl-C (graceful shutdown)
EOT
exec "$bin" serve --port "$port"
