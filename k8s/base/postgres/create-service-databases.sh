#!/bin/sh
# Runs once, when PostgreSQL initialises an empty data directory: one database per service, owned by that service's
# own role, with the credentials from the service's Secret (the one its migrations run as), mounted as
# /etc/postgres-accounts/<database>/{username,password}; and the role the service runs as, from its -db-runtime
# Secret (runtime-username, runtime-password), which may connect and nothing more until the service's migrations
# grant it its tables: never UPDATE, DELETE or TRUNCATE of the audit chain (docs/operations.md, "Database roles"). psql reads the mounted files itself (\set with backquotes),
# so no credential ever stands on a command line, where every process could read it. Nobody else may connect to the
# database. Changing a password later: docs/operations.md, "Rotate secrets".
set -eu

for account in /etc/postgres-accounts/*/; do
    ACCOUNT="$account" psql --no-psqlrc -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<'SQL'
\set db `basename "$ACCOUNT"`
\set role `cat "$ACCOUNT/username"`
\set secret `cat "$ACCOUNT/password"`
CREATE ROLE :"role" LOGIN PASSWORD :'secret';
CREATE DATABASE :"db" OWNER :"role";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
SQL
    # a database whose owner is also what runs on it (Keycloak, components/keycloak) has no runtime role
    [ -f "$account/runtime-username" ] || continue
    ACCOUNT="$account" psql --no-psqlrc -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<'SQL'
\set db `basename "$ACCOUNT"`
\set runtime `cat "$ACCOUNT/runtime-username"`
\set runtime_secret `cat "$ACCOUNT/runtime-password"`
CREATE ROLE :"runtime" LOGIN PASSWORD :'runtime_secret';
GRANT CONNECT ON DATABASE :"db" TO :"runtime";
SQL
done
