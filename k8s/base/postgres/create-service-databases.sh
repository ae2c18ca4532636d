#!/bin/sh
# Runs once, when PostgreSQL initialises an empty data directory: one database per service, owned by that service's
# own role, with the password from the service's Secret (the one the service itself reads), mounted as
# /etc/postgres-accounts/<database>/{username,password}. Nobody else may connect to it. Changing a password later:
# docs/operations.md, "Rotate secrets".
set -eu

for account in /etc/postgres-accounts/*/; do
    psql --no-psqlrc -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
        --set=db="$(basename "$account")" \
        --set=role="$(cat "$account/username")" \
        --set=password="$(cat "$account/password")" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"db" OWNER :"role";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
SQL
done
