#!/usr/bin/env bash
# Smoke test of the compose stack on a Docker host (docker.yml runs it on the freshly built images):
# a throw-away .env with generated secrets, `docker compose up` with two workers, the demo pipeline
# through the cli service (queued to the scheduler and workers), then /health ready, /docs and one
# prediction, and every long-running container healthy. Tears everything down, volumes included.
# Images: TOPICOPS_IMAGE and MLFLOW_IMAGE from the environment (default: the .env.example tags).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PROJECT="topicops-smoke-$$"
ENV_FILE="$(mktemp)"
TIMEOUT_SECONDS="${SMOKE_TIMEOUT_SECONDS:-1200}"

node -e '
  const fs = require("fs"), crypto = require("crypto");
  const text = fs.readFileSync(".env.example", "utf8");
  process.stdout.write(text.replace(/^([A-Z0-9_]*(PASSWORD|API_KEYS))=$/gm, (_, key) => `${key}=${crypto.randomBytes(16).toString("hex")}`));
' >"$ENV_FILE"

compose() { docker compose --project-name "$PROJECT" --env-file "$ENV_FILE" -f docker-compose.yml "$@"; }

cleanup() {
  local status=$?
  trap - EXIT
  if [ "$status" -ne 0 ]; then
    compose ps -a || true
    compose logs --no-color --tail 80 || true
  fi
  compose down --volumes --remove-orphans || true
  rm -f "$ENV_FILE"
  exit "$status"
}
trap cleanup EXIT

echo "=== smoke: docker compose up (2 workers)"
compose up -d --no-build --scale worker=2

echo "=== smoke: demo pipeline through the cli service"
compose run --rm -T cli pipeline --source fixtures/demo-corpus --publications fixtures/demo-publications.csv \
  --stopwords fixtures/stopwords/chroniclitaly-stopwords.csv --queue --wait --timeout "$TIMEOUT_SECONDS"

echo "=== smoke: the API"
api_port="$(grep -E '^API_PORT=' "$ENV_FILE" | cut -d= -f2)"
predict_key="$(grep -E '^PREDICT_API_KEYS=' "$ENV_FILE" | cut -d= -f2 | cut -d, -f1)"
node tools/ci/lib/api-probe.mjs --base "http://127.0.0.1:${api_port:-3000}" --key "$predict_key" --timeout 240

echo "=== smoke: container health"
deadline=$((SECONDS + 120))
for service in api worker scheduler mlflow mysql redis; do
  for container in $(compose ps -q "$service"); do
    while :; do
      health="$(docker inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' "$container")"
      [ "$health" = "healthy" ] && break
      [ "$SECONDS" -lt "$deadline" ] || { echo "$service container $container is $health"; exit 1; }
      sleep 3
    done
    echo "$service: healthy"
  done
done
echo "=== smoke: passed"
