#!/bin/sh
# Runs once, when PostgreSQL initialises an empty data directory: one database per service, owned by that service's
# own role, with the credentials from the service's Secret (the one the service itself reads), mounted as
# /etc/postgres-accounts/<database>/{username,password}. psql reads the mounted files itself (\set with backquotes),
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
done
