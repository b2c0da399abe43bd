#!/usr/bin/env bash
# Smoke test of a deployed API: GET <api-url>/health until it answers 200 with
# {"status": "ok", "database": "ok"} (chalicelib/system), or fail.
#
#   smoke-health.sh https://abc123.execute-api.eu-west-1.amazonaws.com/api/
#
# SMOKE_ATTEMPTS (default 10) tries, SMOKE_DELAY_SECONDS (default 15) apart: new Lambdas
# start cold and the database may be scaling up right after a deployment.
set -euo pipefail

api_url="${1:?usage: smoke-health.sh API_URL}"
attempts="${SMOKE_ATTEMPTS:-10}"
delay="${SMOKE_DELAY_SECONDS:-15}"
health_url="${api_url%/}/health"
body_file="$(mktemp)"
trap 'rm -f "$body_file"' EXIT

healthy_body() {
  python3 - "$1" <<'PY'
import json
import sys

try:
    with open(sys.argv[1], encoding="utf-8") as answer:
        body = json.load(answer)
except (OSError, ValueError):
    sys.exit(1)
sys.exit(0 if isinstance(body, dict) and body.get("status") == "ok" and body.get("database") == "ok" else 1)
PY
}

for attempt in $(seq 1 "$attempts"); do
  : >"$body_file"
  status="$(curl --silent --show-error --max-time 15 --output "$body_file" --write-out '%{http_code}' \
    "$health_url" || true)"
  if [ "$status" = "200" ] && healthy_body "$body_file"; then
    echo "GET $health_url: 200 $(head -c 300 "$body_file")"
    exit 0
  fi
  echo "Attempt $attempt/$attempts: GET $health_url answered ${status:-nothing}: $(head -c 300 "$body_file")"
  if [ "$attempt" -lt "$attempts" ]; then
    sleep "$delay"
  fi
done

echo "::error::GET $health_url did not answer 200 with status ok in $attempts attempts."
exit 1
