#!/bin/sh
# Builds Mosquitto's password file at every start: the devices' entries (already hashed, from the Secret
# mosquitto-devices) plus one entry per account in /etc/mosquitto-accounts/<name>/{username,password}, hashed here
# from the very Secret the service reads. So a service's MQTT password has one source, and rotating it is editing
# that Secret.
set -eu
umask 077
accounts=/mosquitto/auth/accounts
: > "$accounts"
for account in /etc/mosquitto-accounts/*/; do
    mosquitto_passwd -b "$accounts" "$(cat "$account/username")" "$(cat "$account/password")"
done
# mosquitto_passwd silently drops everything after a line it cannot parse, so it never touches the devices' file;
# comments and blank lines are left out here, and a malformed entry stops the broker loudly instead.
{ grep -v -e '^#' -e '^[[:space:]]*$' /etc/mosquitto-devices/passwd || true; cat "$accounts"; } > /mosquitto/auth/passwd
rm "$accounts"
