#!/bin/sh
# Run once by the postgres image on an empty data volume (docker-entrypoint-initdb.d): the two roles of
# docs/security.md and the database. conecta owns the database and runs the migrations (no superuser, no
# CREATEDB: the database exists); conecta_app is what the service connects with, granted by the migrations
# only reading and writing the tables.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="$CONECTA_MIGRATIONS_PASSWORD" -v service_password="$CONECTA_SERVICE_PASSWORD" <<'SQL'
CREATE ROLE conecta LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'owner_password';
CREATE ROLE conecta_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'service_password';
CREATE DATABASE conecta OWNER conecta;
SQL
