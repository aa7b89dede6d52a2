#!/usr/bin/env bash
# Container rehearsal without a Docker engine: repeats docker/Dockerfile's steps in a temporary folder
# and runs the result the way docker-compose.yml does, so a runtime dependency missing from the pruned
# install, an asset left out of the image or a broken entrypoint fails here rather than in production.
#
#   build stage    copy the build context (.dockerignore rules), npm ci --ignore-scripts, production
#                  build of api/worker/scheduler, one merged runtime manifest + pruned lockfile
#   runtime-deps   npm ci --omit=dev from that manifest, in its own folder
#   runtime        dist/apps + fixtures + node_modules only; started through docker/entrypoint.sh with
#                  cwd = that folder (never the checkout) and the compose services' environment
#
# Then: migrate (the one-shot role), api + worker + scheduler, the demo pipeline through the CLI,
# queued to the scheduler and the workers, /health ready, one prediction, the image's health check per
# role, and a clean SIGTERM shutdown. Everything it started is stopped on exit.
#
# Services: MariaDB/MySQL at TEST_MYSQL_URL (default mysql://root@127.0.0.1:3306; a fresh database is
# created and dropped) and Redis at TEST_REDIS_URL (default redis://127.0.0.1:6379; keys under a
# unique BullMQ prefix, deleted afterwards). MLflow: a file store in the runtime folder (no server here).
#
# Options (environment): REHEARSAL_KEEP=true keeps the folder; REHEARSAL_REUSE_NODE_MODULES=true links
# the checkout's node_modules into the build stage instead of a fresh npm ci (faster, less faithful);
# REHEARSAL_PIPELINE_MODE=inprocess runs the pipeline inside the CLI instead of through the queue.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MYSQL_SERVER_URL="${TEST_MYSQL_URL:-mysql://root@127.0.0.1:3306}"
REDIS_SERVER_URL="${TEST_REDIS_URL:-redis://127.0.0.1:6379}"
PIPELINE_MODE="${REHEARSAL_PIPELINE_MODE:-queue}"
PIPELINE_TIMEOUT_SECONDS="${REHEARSAL_PIPELINE_TIMEOUT_SECONDS:-1200}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/topicops-rehearsal.XXXXXX")"
BUILD="$WORK/build"
RUNTIME_MANIFEST="$WORK/runtime"
APP="$WORK/app"
LOGS="$WORK/logs"
ENTRYPOINT="$WORK/bin/topicops-entrypoint"
HEALTHCHECK="$WORK/lib/healthcheck.mjs"
DATABASE="topicops_rehearsal_$$"
QUEUE_PREFIX="topicops-rehearsal-$$"
SERVICE_NAMES=()
SERVICE_PIDS=()
STARTED_AT=$SECONDS

export NX_NO_CLOUD=true NX_DAEMON=false NX_TUI=false
unset NODE_PATH

step() { printf '\n=== rehearsal: %s (%ss)\n' "$*" "$((SECONDS - STARTED_AT))"; }
fail() {
  printf 'rehearsal FAILED: %s\n' "$*" >&2
  exit 1
}

# Node tooling from the checkout (mysql2 for the scratch database); never used by the rehearsed apps.
db_admin() { node "$ROOT/tools/ci/lib/rehearsal-db.mjs" "$@"; }

stop_services() {
  local i pid deadline
  for i in "${!SERVICE_PIDS[@]}"; do
    pid="${SERVICE_PIDS[$i]}"
    kill -0 "$pid" 2>/dev/null && kill -TERM "$pid" 2>/dev/null || true
  done
  deadline=$((SECONDS + 20))
  for i in "${!SERVICE_PIDS[@]}"; do
    pid="${SERVICE_PIDS[$i]}"
    while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "rehearsal: ${SERVICE_NAMES[$i]} (pid $pid) ignored SIGTERM for 20 s: killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
}

# Anything still running from the runtime folder (a child a service left behind) is ours: by PID.
stop_strays() {
  local proc pid
  for proc in /proc/[0-9]*; do
    pid="${proc#/proc/}"
    [ "$pid" != "$$" ] || continue
    case "$(readlink "$proc/cwd" 2>/dev/null)" in
      "$APP" | "$APP"/*) kill -KILL "$pid" 2>/dev/null && echo "rehearsal: killed stray process $pid" >&2 ;;
    esac
  done
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_services
  stop_strays
  if [ "$status" -ne 0 ] && [ -d "$LOGS" ]; then
    for log in "$LOGS"/*.log; do
      [ -f "$log" ] || continue
      printf '\n--- last lines of %s\n' "$(basename "$log")" >&2
      tail -n 40 "$log" >&2 || true
    done
  fi
  db_admin drop "$MYSQL_SERVER_URL" "$DATABASE" >/dev/null 2>&1 || true
  db_admin redis-clear "$REDIS_SERVER_URL" "$QUEUE_PREFIX" >/dev/null 2>&1 || true
  if [ "${REHEARSAL_KEEP:-false}" = "true" ]; then
    echo "rehearsal: kept $WORK" >&2
  else
    rm -rf "$WORK"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- build stage ---------------------------------------------------------------------------------
step "build stage: copy the build context"
node "$ROOT/tools/ci/copy-build-context.mjs" "$BUILD"
cd "$BUILD"
if [ "${REHEARSAL_REUSE_NODE_MODULES:-false}" = "true" ]; then
  ln -s "$ROOT/node_modules" node_modules
else
  step "build stage: npm ci --ignore-scripts"
  bash tools/ci/npm-ci.sh --ignore-scripts --no-audit --no-fund
fi
step "build stage: production build of api, worker, scheduler"
npx nx run-many -t build --projects=api,worker,scheduler --configuration=production --outputStyle=static --skip-nx-cache
node tools/ci/runtime-manifest.mjs --out "$RUNTIME_MANIFEST" --omit-optional

# ---- runtime-deps stage --------------------------------------------------------------------------
step "runtime-deps stage: npm ci --omit=dev from the merged manifest"
mkdir -p "$APP"
cp "$RUNTIME_MANIFEST/package.json" "$RUNTIME_MANIFEST/package-lock.json" "$APP/"
(cd "$APP" && npm ci --omit=dev --no-audit --no-fund)

# ---- runtime stage -------------------------------------------------------------------------------
step "runtime stage: dist/apps, fixtures, entrypoint, health check"
mkdir -p "$APP/dist" "$APP/data" "$APP/mlruns" "$LOGS" "$(dirname "$ENTRYPOINT")" "$(dirname "$HEALTHCHECK")"
cp -R "$BUILD/dist/apps" "$APP/dist/apps"
cp -R "$BUILD/fixtures" "$APP/fixtures"
install -m 0755 "$BUILD/docker/entrypoint.sh" "$ENTRYPOINT"
cp "$BUILD/docker/healthcheck.mjs" "$HEALTHCHECK"
cd "$WORK"
# Node also resolves packages from every parent folder: none may hold a node_modules that hides a gap.
dir="$APP"
while [ "$dir" != "/" ]; do
  dir="$(dirname "$dir")"
  [ ! -e "$dir/node_modules" ] || fail "$dir/node_modules exists and would mask missing runtime dependencies"
done
echo "runtime folder: $(du -sh "$APP" | cut -f1) ($(du -sh "$APP/node_modules" | cut -f1) node_modules)"

# ---- environment: docker-compose.yml's, pointed at the local services ----------------------------
step "environment from docker-compose.yml"
PORT="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
for service in migrate api worker scheduler cli; do
  {
    node "$ROOT/tools/ci/compose-env.mjs" "$service"
    printf 'export DATABASE_URL=%q\n' "$(db_admin url "$MYSQL_SERVER_URL" "$DATABASE")"
    printf 'export REDIS_URL=%q\n' "$REDIS_SERVER_URL"
    printf 'export TRACKING_URI=%q\n' "$APP/mlruns"
    printf 'export BULLMQ_PREFIX=%q\n' "$QUEUE_PREFIX"
    printf 'export PORT=%q\n' "$PORT"
    printf 'export TOPICOPS_APP_DIR=%q\n' "$APP"
    printf 'export MODEL_POLL_SECONDS=2\n'
  } >"$WORK/$service.env"
done
# All roles share one set of API keys, as they share .env in compose.
grep -E '^export (ADMIN|PREDICT)_API_KEYS=' "$WORK/api.env" >"$WORK/keys.env"
for service in migrate worker scheduler cli; do cat "$WORK/keys.env" >>"$WORK/$service.env"; done
# shellcheck source=/dev/null
PREDICT_KEY="$(. "$WORK/api.env" && printf '%s' "${PREDICT_API_KEYS%%,*}")"
db_admin create "$MYSQL_SERVER_URL" "$DATABASE"

# Runs a role as the container would: its environment, cwd = the runtime folder.
run_role() {
  local service="$1"
  shift
  # shellcheck source=/dev/null
  (cd "$APP" && set -a && . "$WORK/$service.env" && set +a && exec "$ENTRYPOINT" "$@")
}

# One subshell that execs the entrypoint, which execs node: $! is the service's own PID, so SIGTERM
# reaches node itself (as tini forwards it in the container), not a shell in between.
start_service() {
  local role="$1"
  # shellcheck source=/dev/null
  (cd "$APP" && set -a && . "$WORK/$role.env" && set +a && exec "$ENTRYPOINT" "$role") >"$LOGS/$role.log" 2>&1 &
  SERVICE_NAMES+=("$role")
  SERVICE_PIDS+=("$!")
}

# ---- migrate, then the services -------------------------------------------------------------------
step "migrate (one-shot role)"
run_role migrate migrate | tee "$LOGS/migrate.log" | tail -n 1

step "embedded sqlite: migrate with the image's default DATABASE_URL (better-sqlite3 must be installed)"
# shellcheck source=/dev/null
(cd "$APP" && set -a && . "$WORK/migrate.env" && export DATABASE_URL="sqlite:./data/topicops.sqlite" && set +a &&
  exec "$ENTRYPOINT" migrate) | tail -n 1

step "start api, worker, scheduler"
start_service api
start_service worker
start_service scheduler
# Each service must come up from the pruned folder: the image's own health check, per role.
for role in api worker scheduler; do
  deadline=$((SECONDS + 90))
  # shellcheck source=/dev/null
  until (set -a && . "$WORK/$role.env" && set +a && node "$HEALTHCHECK" "$role") >"$LOGS/health-$role.out" 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || fail "$role did not become healthy: $(cat "$LOGS/health-$role.out")"
    sleep 1
  done
  cat "$LOGS/health-$role.out"
done

# ---- the demo pipeline through the CLI -------------------------------------------------------------
pipeline_args=(pipeline --source fixtures/demo-corpus --publications fixtures/demo-publications.csv
  --stopwords fixtures/stopwords/chroniclitaly-stopwords.csv)
if [ "$PIPELINE_MODE" = "queue" ]; then
  pipeline_args+=(--queue --wait --timeout "$PIPELINE_TIMEOUT_SECONDS")
fi
step "cli ${pipeline_args[*]}"
set +e
run_role cli cli "${pipeline_args[@]}" >"$LOGS/pipeline.out" 2>"$LOGS/pipeline.log"
pipeline_status=$?
set -e
summary="$(tail -n 1 "$LOGS/pipeline.out")"
echo "pipeline summary: $summary"
[ "$pipeline_status" -eq 0 ] || fail "the pipeline exited $pipeline_status"

for i in "${!SERVICE_PIDS[@]}"; do
  kill -0 "${SERVICE_PIDS[$i]}" 2>/dev/null || fail "${SERVICE_NAMES[$i]} is no longer running"
done

# ---- the API: ready, one prediction ---------------------------------------------------------------
step "api: /health ready and one prediction"
node "$ROOT/tools/ci/lib/api-probe.mjs" --base "http://127.0.0.1:$PORT" --key "$PREDICT_KEY" --timeout 180

step "image health check per role, after the pipeline"
for role in api worker scheduler; do
  # shellcheck source=/dev/null
  (set -a && . "$WORK/$role.env" && set +a && node "$HEALTHCHECK" "$role")
done

step "graceful shutdown (SIGTERM)"
for i in "${!SERVICE_PIDS[@]}"; do
  pid="${SERVICE_PIDS[$i]}"
  kill -TERM "$pid"
  deadline=$((SECONDS + 20))
  while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && fail "${SERVICE_NAMES[$i]} did not exit within 20 s of SIGTERM"
  wait "$pid" && code=0 || code=$?
  echo "${SERVICE_NAMES[$i]} exited with $code"
  case "$code" in 0 | 143) ;; *) fail "${SERVICE_NAMES[$i]} exited with $code after SIGTERM" ;; esac
done
SERVICE_PIDS=()
SERVICE_NAMES=()

step "passed"
