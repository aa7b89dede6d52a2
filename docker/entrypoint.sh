#!/bin/sh
# TopicOps container entrypoint (PID 1 is tini). The first argument picks the role:
#   api | worker | scheduler   long-running services; they wait for the schema, never migrate it
#   migrate [flags]            applies the database migrations (the compose one-shot service)
#   cli <command> [flags]      any CLI command: ingest, preprocess, train, evaluate, pipeline, ...
# Only the migrate role changes the schema, so scaled workers and api replicas never race to migrate.
set -eu

APP_DIR="${TOPICOPS_APP_DIR:-/app}"
NODE_FLAGS="--enable-source-maps"
CLI="dist/apps/worker/cli.js"

log() {
  printf 'topicops-entrypoint: %s\n' "$*" >&2
}

usage() {
  cat >&2 <<'EOF'
usage: <image> api | worker | scheduler | migrate [flags] | cli <command> [flags]
  api         HTTP API (PORT, default 3000): /health, /docs, POST /v1/predictions
  worker      BullMQ worker (scale it: docker compose up --scale worker=N)
  scheduler   retraining scheduler
  migrate     apply database migrations, then exit
  cli         run a CLI command, e.g. "cli pipeline --source fixtures/demo-corpus"
EOF
  exit "${1:-2}"
}

# Waits until the migrate role has brought the schema up to date. `migrate --check` exits 0 when no
# migration is pending, 1 while some are (or the database is not reachable yet) and 2 on a
# configuration error, which waiting cannot fix. The embedded sqlite set-up migrates itself.
wait_for_schema() {
  case "${DATABASE_URL:-sqlite:}" in
    sqlite:*) return 0 ;;
  esac
  if [ "${WAIT_FOR_MIGRATIONS:-true}" != "true" ]; then
    return 0
  fi
  wait_seconds="${MIGRATIONS_WAIT_SECONDS:-180}"
  deadline=$(($(date +%s) + wait_seconds))
  while :; do
    set +e
    output=$(node $NODE_FLAGS "$CLI" migrate --check 2>&1)
    status=$?
    set -e
    case "$status" in
      0) return 0 ;;
      2)
        printf '%s\n' "$output" >&2
        log "cannot check the database schema (configuration error); not starting"
        exit 2
        ;;
    esac
    if [ "$(date +%s)" -ge "$deadline" ]; then
      printf '%s\n' "$output" >&2
      log "the schema is still not migrated after ${wait_seconds}s; run the migrate role first"
      exit 1
    fi
    log "waiting for database migrations ($(printf '%s' "$output" | tail -n 1 | cut -c1-200))"
    sleep "${MIGRATIONS_WAIT_INTERVAL:-3}"
  done
}

[ "$#" -gt 0 ] || usage 2
role="$1"
shift
cd "$APP_DIR"

case "$role" in
  api | worker | scheduler)
    wait_for_schema
    exec node $NODE_FLAGS "dist/apps/$role/main.js" "$@"
    ;;
  migrate)
    exec node $NODE_FLAGS "$CLI" migrate "$@"
    ;;
  cli)
    [ "$#" -gt 0 ] || usage 2
    exec node $NODE_FLAGS "$CLI" "$@"
    ;;
  help | -h | --help)
    usage 0
    ;;
  *)
    log "unknown role \"$role\""
    usage 2
    ;;
esac
