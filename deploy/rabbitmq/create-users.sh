#!/bin/sh
# Creates (or updates) the platform's RabbitMQ users with the permissions of infra/rabbitmq/permissions, through the
# management HTTP API: one user per service, one for the spam filter. POSIX sh and curl only, so it runs in a curl
# container (docker-compose.yml's rabbitmq-users) as well as on an operator's machine (Kubernetes, docs/deployment.md).
#   RABBITMQ_MANAGEMENT_URL                 e.g. http://rabbitmq:15672 (required)
#   RABBITMQ_ADMIN_USER, RABBITMQ_ADMIN_PASSWORD   an administrator of the broker (required)
#   RABBITMQ_VHOST                          the platform's virtual host (default /)
#   RABBITMQ_PASSWORD_<USER>                each user's password, <USER> upper case with - as _ (required), e.g.
#                                           RABBITMQ_PASSWORD_DIRECTORY_SYNC
#   PERMISSIONS_FILE                        default: infra/rabbitmq/permissions beside this script's repository
# Safe to run again: it sets each user's password and permissions to what is given. Passwords are never printed.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
permissions=${PERMISSIONS_FILE:-$here/../../infra/rabbitmq/permissions}
vhost=${RABBITMQ_VHOST:-/}

die() { printf 'create-users.sh: %s\n' "$*" >&2; exit 1; }
[ -n "${RABBITMQ_MANAGEMENT_URL:-}" ] || die "RABBITMQ_MANAGEMENT_URL is not set"
[ -n "${RABBITMQ_ADMIN_USER:-}" ] && [ -n "${RABBITMQ_ADMIN_PASSWORD:-}" ] || die "RABBITMQ_ADMIN_USER and RABBITMQ_ADMIN_PASSWORD are required"
[ -r "$permissions" ] || die "cannot read $permissions"

# JSON string contents: backslashes and quotes escaped (the regexes hold backslashes).
json() { printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g'; }
# Percent-encoding of a vhost or user name as the API wants it in a path (/ -> %2F).
path() { printf '%s' "$1" | sed 's/%/%25/g; s|/|%2F|g'; }

put() {
  status=$(curl -sS -o /dev/null -w '%{http_code}' -u "$RABBITMQ_ADMIN_USER:$RABBITMQ_ADMIN_PASSWORD" -X PUT \
    -H 'content-type: application/json' --data-binary @- "$RABBITMQ_MANAGEMENT_URL/api/$1") || die "PUT $1 failed"
  case $status in 2??) ;; *) die "PUT $1 answered $status" ;; esac
}

grep -Ev '^[[:space:]]*(#|$)' "$permissions" | while read -r user configure write read; do
  variable=RABBITMQ_PASSWORD_$(printf '%s' "$user" | tr 'a-z-' 'A-Z_')
  password=$(eval "printf '%s' \"\${$variable:-}\"")
  [ -n "$password" ] || die "$variable is not set"
  printf '{"password":"%s","tags":""}' "$(json "$password")" | put "users/$(path "$user")"
  printf '{"configure":"%s","write":"%s","read":"%s"}' "$(json "$configure")" "$(json "$write")" "$(json "$read")" \
    | put "permissions/$(path "$vhost")/$(path "$user")"
  printf 'create-users.sh: %s ready on vhost %s\n' "$user" "$vhost" >&2
done
