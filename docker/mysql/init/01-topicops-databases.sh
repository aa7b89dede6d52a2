#!/bin/bash
# Runs once, on the first start of an empty MySQL data volume (docker-entrypoint-initdb.d).
# Creates the TopicOps and MLflow databases, each with its own user limited to its own database.
set -euo pipefail

: "${TOPICOPS_DB_NAME:?}" "${TOPICOPS_DB_USER:?}" "${TOPICOPS_DB_PASSWORD:?}"
: "${MLFLOW_DB_NAME:?}" "${MLFLOW_DB_USER:?}" "${MLFLOW_DB_PASSWORD:?}"

# SQL string literal: double any single quote and backslash.
sql_string() {
  local value=${1//\\/\\\\}
  printf "'%s'" "${value//\'/\'\'}"
}

# Identifiers come from .env; accept only what is safe to splice into SQL unquoted.
sql_identifier() {
  if [[ ! $1 =~ ^[A-Za-z0-9_]{1,64}$ ]]; then
    echo "01-topicops-databases.sh: \"$1\" is not a valid database or user name ([A-Za-z0-9_], 1-64 chars)" >&2
    exit 1
  fi
  printf '%s' "$1"
}

create_database_and_user() {
  local database user password
  database=$(sql_identifier "$1")
  user=$(sql_identifier "$2")
  password=$(sql_string "$3")
  cat <<SQL
CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;
CREATE USER IF NOT EXISTS '${user}'@'%' IDENTIFIED BY ${password};
GRANT ALL PRIVILEGES ON \`${database}\`.* TO '${user}'@'%';
SQL
}

{
  create_database_and_user "$TOPICOPS_DB_NAME" "$TOPICOPS_DB_USER" "$TOPICOPS_DB_PASSWORD"
  create_database_and_user "$MLFLOW_DB_NAME" "$MLFLOW_DB_USER" "$MLFLOW_DB_PASSWORD"
  echo 'FLUSH PRIVILEGES;'
} | MYSQL_PWD="$MYSQL_ROOT_PASSWORD" mysql --protocol=socket -uroot

echo "01-topicops-databases.sh: created databases ${TOPICOPS_DB_NAME} and ${MLFLOW_DB_NAME}"
