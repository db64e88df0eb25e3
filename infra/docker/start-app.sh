#!/bin/sh
# Entry point of every app image (APP is set by the Dockerfile). A PostgreSQL service applies its
# pending migrations with its own DATABASE_URL first, so the app never starts against an old schema;
# `exec` then replaces this shell with node, so SIGTERM from `docker stop` reaches the app and it
# drains in-flight work instead of being killed.
set -eu
if [ -d "apps/${APP}/prisma/migrations" ]; then
  node libs/prisma-migrate/src/cli.mjs deploy --service "${APP}"
fi
exec node "apps/${APP}/dist/main.js"
