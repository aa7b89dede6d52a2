#!/usr/bin/env bash
# `npm ci [args]` with one narrow fallback. npm 11 refuses a lockfile in which an optional dependency
# could not be resolved at lock time ("Missing: <name>@ from lock file", no version): the case of
# platform packages a registry mirror does not carry (sass-embedded-android-arm@1.108.2, ...); npm 10
# accepts the same lockfile. Only then it runs `npm install [args]` against the lockfile and fails
# unless the lockfile came out unchanged, so package.json and package-lock.json must still agree.
# Any other npm ci failure (a real drift names a version: "Missing: foo@1.2.3") fails as is.
set -euo pipefail

log="$(mktemp)"
before="$(mktemp)"
trap 'rm -f "$log" "$before"' EXIT

set +e
npm ci "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
[ "$status" -eq 0 ] && exit 0

missing="$(grep -E '^npm (error|ERR!) Missing: ' "$log" || true)"
unresolved="$(printf '%s\n' "$missing" | grep -cE 'Missing: \S+@ from lock file$' || true)"
total="$(printf '%s\n' "$missing" | grep -c 'Missing: ' || true)"
if [ "$total" -eq 0 ] || [ "$unresolved" -ne "$total" ]; then
  exit "$status"
fi

echo "npm-ci: npm ci refused ${total} optional package(s) no registry version satisfies; running npm install against the lockfile" >&2
cp package-lock.json "$before"
npm install --no-audit --no-fund "$@"
if ! cmp -s package-lock.json "$before"; then
  cp "$before" package-lock.json
  echo "npm-ci: npm install had to change package-lock.json: package.json and the lockfile disagree (run npm install and commit the lockfile)" >&2
  exit 1
fi
