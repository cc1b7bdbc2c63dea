#!/bin/sh
# Migrate the schema, then run the given dzwonek command (default: run).
set -eu
dzwonek migrate
exec dzwonek "$@"
