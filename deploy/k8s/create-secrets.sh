#!/usr/bin/env bash
# Prints, as YAML for kubectl, the Secrets the manifests under deploy/k8s refer to. The keys are generated here, on
# this machine, with openssl (deploy/compose/generate-keys.sh); the credentials come from the environment:
#   RABBITMQ_USER, RABBITMQ_PASSWORD     an administrator of the broker (required): kept in platform-rabbitmq for
#                                        deploy/rabbitmq/create-users.sh, given to no pod. Each service logs in as a user
#                                        of its own (platform-rabbitmq-<service>, a generated password), the spam filter
#                                        as filter (platform-rabbitmq-filter): create them on the broker with
#                                        deploy/rabbitmq/create-users.sh (docs/deployment.md).
#   POSTGRES_CONNECTION_STRING           the platform database, Host=…;Port=…;Database=…;Username=…;Password=… (required)
#   PLATFORM_ADMIN_EMAIL                 optional: the platform admin auth creates on first start (password generated)
#   SMTP_USERNAME, SMTP_PASSWORD         optional: the mail relay's user and password
# Each key is named after the setting it becomes (Auth__SigningKey is the setting Auth:SigningKey).
#
#   RABBITMQ_USER=… RABBITMQ_PASSWORD=… POSTGRES_CONNECTION_STRING=… deploy/k8s/create-secrets.sh \
#     | kubectl create --namespace platform -f -
#
# kubectl create never replaces a Secret: one that exists is kept (kubectl says AlreadyExists for it), so running
# this again cannot swap a key under the data it protects. Never pipe it into kubectl apply: a new encryption key
# makes every stored secret unreadable. Rotating keys: docs/deployment.md. Nothing is written to disk but a private
# temporary folder, removed on exit.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

die() { printf 'create-secrets.sh: %s\n' "$*" >&2; exit 1; }
command -v kubectl >/dev/null || die "kubectl is required"
command -v openssl >/dev/null || die "openssl is required"
for required in RABBITMQ_USER RABBITMQ_PASSWORD POSTGRES_CONNECTION_STRING; do
  [[ -n ${!required:-} ]] || die "$required is not set (see the top of $0)"
done
if [[ ${SMTP_USERNAME:+set} != "${SMTP_PASSWORD:+set}" ]]; then
  die "set both SMTP_USERNAME and SMTP_PASSWORD, or neither"
fi

umask 077
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

keys_log=$("$here/../compose/generate-keys.sh" "$work/keys.env" 2>&1) || die "generating the keys failed: $keys_log"
generated() { sed -n "s/^$1=//p" "$work/keys.env"; }

# secret NAME KEY VALUE [KEY VALUE …]: one Secret, each value read from a file of its own, byte for byte.
first=1
secret() {
  local name=$1 dir="$work/$1" args=()
  shift
  mkdir "$dir"
  while (($#)); do
    [[ -n $2 ]] || die "$name: $1 would be empty"
    printf '%s' "$2" >"$dir/$1"
    args+=("--from-file=$1=$dir/$1")
    shift 2
  done
  ((first)) || printf -- '---\n'
  first=0
  kubectl create secret generic "$name" "${args[@]}" --dry-run=client -o yaml
}

secret platform-rabbitmq RabbitMq__Username "$RABBITMQ_USER" RabbitMq__Password "$RABBITMQ_PASSWORD"
# One user per service and one for the filter, as infra/rabbitmq/permissions names them.
for user in $(grep -Ev '^[[:space:]]*(#|$)' "$here/../../infra/rabbitmq/permissions" | awk '{print $1}'); do
  secret "platform-rabbitmq-$user" RabbitMq__Username "$user" RabbitMq__Password "$(openssl rand -hex 24)"
done
secret platform-postgres ConnectionStrings__Postgres "$POSTGRES_CONNECTION_STRING"
secret platform-token-signing Auth__SigningKey "$(generated AUTH_SIGNING_KEY)"
secret platform-token-validation Auth__ValidationKeys__0 "$(generated AUTH_VALIDATION_KEY)"
secret platform-secrets-encryption Secrets__EncryptionKey "$(generated SECRETS_ENCRYPTION_KEY)"
if [[ -n ${PLATFORM_ADMIN_EMAIL:-} ]]; then
  secret platform-admin Auth__Admin__Email "$PLATFORM_ADMIN_EMAIL" Auth__Admin__Password "$(openssl rand -base64 18)"
  printf 'create-secrets.sh: the admin password is in the Secret platform-admin (key Auth__Admin__Password)\n' >&2
fi
if [[ -n ${SMTP_USERNAME:-} ]]; then
  secret platform-smtp Smtp__Username "$SMTP_USERNAME" Smtp__Password "$SMTP_PASSWORD"
fi
