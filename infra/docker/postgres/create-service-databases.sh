#!/usr/bin/env bash
# Mounted into /docker-entrypoint-initdb.d: the postgres image runs it once, when its data volume
# is first initialised. One database and one role per service, the role owning its database, and
# CONNECT revoked from PUBLIC, so a service's role cannot even open another service's database:
# the same isolation infra/local provisions on the native stack.
#
# SERVICE_DATABASES lists the databases ("user_service order_service ..."); each one's role
# password comes from <DATABASE>_PASSWORD (USER_SERVICE_PASSWORD, ...). Idempotent, so it can be
# re-run against an existing volume after adding a service:
#   docker compose exec postgres bash /docker-entrypoint-initdb.d/create-service-databases.sh
set -euo pipefail

for database in ${SERVICE_DATABASES:?list the service databases in SERVICE_DATABASES}; do
  password_variable="${database^^}_PASSWORD"
  password="${!password_variable:-}"
  if [ -z "${password}" ]; then
    echo "create-service-databases: set ${password_variable}, the password of the ${database} role" >&2
    exit 1
  fi
  echo "create-service-databases: database and role ${database}"
  psql --no-psqlrc --quiet -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
    -v name="${database}" -v password="${password}" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'name', :'password')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'name') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'name', :'name')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'name') \gexec
REVOKE CONNECT, TEMPORARY ON DATABASE :"name" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"name" TO :"name";
SQL
done
