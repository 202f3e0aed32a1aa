#!/bin/sh
# OpenLDAP for docker-compose: writes a slapd.conf like infra/lib/ldap.sh's (mdb, dc=example,dc=com,
# our platform.schema), loads the demo directory with slapadd when the database is still empty,
# then runs slapd in the foreground.
#
# Settings (environment):
#   LDAP_ADMIN_PASSWORD          rootdn password of cn=admin,dc=example,dc=com (every start)
#   LDAP_DEMO_USER_PASSWORD      password of every demo user         (first start only)
#   LDAP_DEMO_SERVICE_PASSWORD   password of cn=platform-reader,...  (first start only)
#   LDAP_URLS                    listeners, default ldap:/// (port 389)
# The paths below can be changed to try this script outside a container.
set -eu

: "${LDAP_ADMIN_PASSWORD:?LDAP_ADMIN_PASSWORD is required}"
: "${LDAP_DEMO_USER_PASSWORD:=demo-password-1}"
: "${LDAP_DEMO_SERVICE_PASSWORD:=reader-password-1}"
: "${LDAP_URLS:=ldap:///}"
: "${LDAP_RUN_AS:=openldap}"
: "${LDAP_CONF_DIR:=/etc/ldap/platform}"
: "${LDAP_DATA_DIR:=/var/lib/platform-ldap}"
: "${LDAP_SEED_LDIF:=/usr/share/platform-ldap/demo.ldif}"
: "${LDAP_SCHEMA:=/etc/ldap/schema/platform.schema}"
: "${LDAP_SHARED_DIR:=/usr/share/platform-ldap}"

base_dn='dc=example,dc=com'
admin_dn='cn=admin,dc=example,dc=com'
conf="$LDAP_CONF_DIR/slapd.conf"
db="$LDAP_DATA_DIR/example"
run_dir="$LDAP_DATA_DIR/run"

log() { printf '[openldap] %s\n' "$*" >&2; }

mkdir -p "$LDAP_CONF_DIR" "$db" "$run_dir"
umask 077

admin_hash=$(slappasswd -h '{SSHA}' -s "$LDAP_ADMIN_PASSWORD")
cat >"$conf" <<CONF
# Written by $0 on every start; do not edit.
include         /etc/ldap/schema/core.schema
include         /etc/ldap/schema/cosine.schema
include         /etc/ldap/schema/nis.schema
include         /etc/ldap/schema/inetorgperson.schema
include         $LDAP_SCHEMA

pidfile         $run_dir/slapd.pid
argsfile        $run_dir/slapd.args
modulepath      /usr/lib/ldap
moduleload      back_mdb

include         $LDAP_SHARED_DIR/limits-and-access.conf

database        mdb
suffix          "$base_dn"
rootdn          "$admin_dn"
rootpw          $admin_hash
directory       $db
maxsize         1073741824
include         $LDAP_SHARED_DIR/database.conf
CONF

slaptest -Q -u -f "$conf"

if [ ! -s "$db/data.mdb" ]; then
  user_hash=$(slappasswd -h '{SSHA}' -s "$LDAP_DEMO_USER_PASSWORD")
  service_hash=$(slappasswd -h '{SSHA}' -s "$LDAP_DEMO_SERVICE_PASSWORD")
  seed="$run_dir/demo.ldif"
  # {SSHA} hashes are base64: no '|' or '&' to trip sed.
  sed -e "s|@DEMO_USER_PASSWORD_HASH@|$user_hash|g" \
      -e "s|@DEMO_SERVICE_PASSWORD_HASH@|$service_hash|g" "$LDAP_SEED_LDIF" >"$seed"
  if grep -q '@[A-Z_]*_HASH@' "$seed"; then
    log "the demo LDIF has a password placeholder this script does not know"; exit 1
  fi
  slapadd -q -f "$conf" -b "$base_dn" -l "$seed"
  rm -f "$seed"
  log "loaded $base_dn from $LDAP_SEED_LDIF"
fi

if [ -n "$LDAP_RUN_AS" ]; then
  chown -R "$LDAP_RUN_AS:$LDAP_RUN_AS" "$LDAP_DATA_DIR" "$LDAP_CONF_DIR"
  set -- -u "$LDAP_RUN_AS" -g "$LDAP_RUN_AS"
else
  set --
fi

log "slapd listening on $LDAP_URLS"
# -d 0: foreground, no debug output; slapd is PID 1 and stops cleanly on SIGTERM.
exec /usr/sbin/slapd -d 0 -f "$conf" -h "$LDAP_URLS" "$@"
