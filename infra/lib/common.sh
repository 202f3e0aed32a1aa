# shellcheck shell=bash
# Shared helpers for infra/infra.sh. Sourced, never executed directly.
# Expects REPO_ROOT and INFRA_DIR to be set by the caller.

PLATFORM_DIR="$REPO_ROOT/.platform"
LOG_DIR="$PLATFORM_DIR/logs"
SECRETS_DIR="$PLATFORM_DIR/secrets"
TLS_DIR="$PLATFORM_DIR/tls"
PORTS_FILE="$PLATFORM_DIR/ports"
ENV_FILE="$PLATFORM_DIR/env"

# Seconds a component may take to become ready before it counts as half-started.
START_TIMEOUT="${PLATFORM_START_TIMEOUT:-60}"

# Debian packages `up` makes sure of (name -> checked with dpkg-query).
# chromium and chromium-driver: the panel's browser tests (tests/Platform.Panel.Tests) drive Debian's Chromium.
REQUIRED_PACKAGES=(rabbitmq-server slapd ldap-utils python3-aiosmtpd openssl docker-compose curl postgresql-15 iproute2
  samba samba-ad-dc samba-ad-provision samba-dsdb-modules chromium chromium-driver)

# Port settings: NAME:default. Every NAME can be overridden by an env var of the same name on `up`.
PORT_DEFAULTS=(
  PLATFORM_RABBITMQ_PORT:5673
  PLATFORM_RABBITMQ_MANAGEMENT_PORT:15673
  RABBITMQ_DIST_PORT:25673
  ERL_EPMD_PORT:4370
  PLATFORM_POSTGRES_PORT:5433
  PLATFORM_LDAP_PORT:3389
  PLATFORM_LDAPS_PORT:6636
  PLATFORM_SMTP_PORT:2525
)

log() { printf '[infra %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now_ms() { date +%s%3N; }
elapsed() { local t0=$1; local d=$(( $(now_ms) - t0 )); printf '%d.%03ds' $((d / 1000)) $((d % 1000)); }

# load_ports MODE: MODE=up -> env > stored > default; otherwise stored > env > default.
load_ports() {
  local mode=$1 kv k d v
  declare -A stored=()
  if [[ -f $PORTS_FILE ]]; then
    while IFS='=' read -r k v; do [[ -n $k ]] && stored[$k]=$v; done <"$PORTS_FILE"
  fi
  for kv in "${PORT_DEFAULTS[@]}"; do
    k=${kv%%:*}; d=${kv#*:}
    if [[ $mode == up ]]; then v=${!k:-${stored[$k]:-$d}}; else v=${stored[$k]:-${!k:-$d}}; fi
    [[ $v =~ ^[0-9]+$ ]] && ((v > 0 && v < 65536)) || die "$k='$v' is not a valid port"
    printf -v "$k" '%s' "$v"
    export "${k?}"
  done
}

save_ports() {
  local kv k tmp
  tmp=$(mktemp "$PORTS_FILE.XXXXXX")
  for kv in "${PORT_DEFAULTS[@]}"; do k=${kv%%:*}; printf '%s=%s\n' "$k" "${!k}"; done >"$tmp"
  mv -f "$tmp" "$PORTS_FILE"
}

ensure_layout() {
  mkdir -p "$PLATFORM_DIR" "$LOG_DIR" "$SECRETS_DIR" "$TLS_DIR"
  # Traversable (not listable) by the postgres user, which must reach .platform/postgres.
  chmod 0711 "$PLATFORM_DIR"
  chmod 0700 "$SECRETS_DIR"
  chmod 0755 "$TLS_DIR"   # ca.pem / server.pem world-readable, keys 0600
  chmod 0755 "$LOG_DIR"
}

pkg_installed() { [[ $(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null) == installed ]]; }

ensure_packages() {
  local missing=() p
  for p in "${REQUIRED_PACKAGES[@]}"; do pkg_installed "$p" || missing+=("$p"); done
  ((${#missing[@]} == 0)) && return 0
  local t0; t0=$(now_ms)
  log "installing missing packages: ${missing[*]}"
  apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >&2
  log "packages installed in $(elapsed "$t0")"
}

# secret NAME: prints the secret stored in .platform/secrets/NAME, generating it once.
secret() {
  local f="$SECRETS_DIR/$1" s
  if [[ ! -s $f ]]; then
    s=$(openssl rand -base64 48 | tr -dc 'A-Za-z0-9' | head -c 24)
    [[ ${#s} -eq 24 ]] || die "could not generate secret $1"
    (umask 077 && printf '%s\n' "$s" >"$f.tmp" && mv -f "$f.tmp" "$f")
  fi
  head -n1 "$f"
}

# key_material NAME: a generated key kept under .platform/secrets, printed as one base64 line.
#   token-signing  EC P-256 private key (PKCS#8 DER) auth signs platform tokens with
#   token-public   its public key (SubjectPublicKeyInfo DER) every service validates tokens with
#   encryption     32 random bytes: the AES-256-GCM key for secrets at rest (LDAP bind passwords, TOTP secrets)
key_material() {
  local name=$1 f="$SECRETS_DIR/$1.b64"
  if [[ ! -s $f ]]; then
    (
      umask 077
      case $name in
        token-signing) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 2>/dev/null | openssl pkcs8 -topk8 -nocrypt -outform DER | base64 -w0 >"$f.tmp" ;;
        token-public) key_material token-signing | base64 -d | openssl pkey -inform DER -pubout -outform DER 2>/dev/null | base64 -w0 >"$f.tmp" ;;
        encryption) openssl rand 32 | base64 -w0 >"$f.tmp" ;;
        *) die "unknown key material $name" ;;
      esac
      [[ -s $f.tmp ]] || die "could not generate key material $name"
      mv -f "$f.tmp" "$f"
    )
  fi
  head -c 4096 "$f"
}

# Fixed, documented demo passwords (see infra/README.md).
DEMO_USER_PASSWORD='demo-password-1'
DEMO_SERVICE_PASSWORD='reader-password-1'
DEMO_BASE_DN='dc=example,dc=com'
DEMO_ADMIN_DN='cn=admin,dc=example,dc=com'
DEMO_SERVICE_DN='cn=platform-reader,ou=services,dc=example,dc=com'
TESTS_BASE_DN='o=tests'
TESTS_ADMIN_DN='cn=admin,o=tests'

ensure_tls() {
  local ca="$TLS_DIR/ca.pem" cakey="$TLS_DIR/ca.key" crt="$TLS_DIR/server.pem" key="$TLS_DIR/server.key"
  if [[ -s $ca && -s $cakey && -s $crt && -s $key ]]; then return 0; fi
  log "generating test CA and localhost server certificate in $TLS_DIR"
  local tmp; tmp=$(mktemp -d "$TLS_DIR/.gen.XXXXXX")
  (
    umask 077
    openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 \
      -keyout "$tmp/ca.key" -out "$tmp/ca.pem" -subj "/O=Platform local test/CN=Platform Local Test CA" \
      -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign' 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -sha256 -keyout "$tmp/server.key" -out "$tmp/server.csr" \
      -subj '/O=Platform local test/CN=localhost' 2>/dev/null
    printf '%s\n' 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1' 'basicConstraints=critical,CA:FALSE' \
      'keyUsage=critical,digitalSignature,keyEncipherment' 'extendedKeyUsage=serverAuth' >"$tmp/ext.cnf"
    openssl x509 -req -sha256 -days 3650 -in "$tmp/server.csr" -CA "$tmp/ca.pem" -CAkey "$tmp/ca.key" \
      -set_serial "0x$(openssl rand -hex 8)" -extfile "$tmp/ext.cnf" -out "$tmp/server.pem" 2>/dev/null
  ) || { rm -rf "$tmp"; die "certificate generation failed"; }
  chmod 0644 "$tmp/ca.pem" "$tmp/server.pem"
  mv -f "$tmp/ca.key" "$cakey"; mv -f "$tmp/server.key" "$key"
  mv -f "$tmp/server.pem" "$crt"; mv -f "$tmp/ca.pem" "$ca"
  rm -rf "$tmp"
}

# Quote a value for a bash-sourceable KEY='value' line.
shq() { local v=${1//\'/\'\\\'\'}; printf "'%s'" "$v"; }

write_env_file() {
  # auth refuses to start with an admin password under 12 characters (AdminAccount.MinimumPasswordLength): say so now.
  if [[ -n ${PLATFORM_ADMIN_PASSWORD:-} && ${#PLATFORM_ADMIN_PASSWORD} -lt 12 ]]; then
    die "PLATFORM_ADMIN_PASSWORD needs at least 12 characters (auth refuses a weaker admin password)"
  fi
  local tmp; tmp=$(mktemp "$ENV_FILE.XXXXXX")
  chmod 600 "$tmp"
  local pgpw pgadm ldapadm
  pgpw=$(secret postgres-platform); pgadm=$(secret postgres-superuser); ldapadm=$(secret ldap-admin)
  {
    printf 'RabbitMq__Host=%s\n' "$(shq 127.0.0.1)"
    printf 'RabbitMq__Port=%s\n' "$(shq "$PLATFORM_RABBITMQ_PORT")"
    printf 'RabbitMq__ManagementPort=%s\n' "$(shq "$PLATFORM_RABBITMQ_MANAGEMENT_PORT")"
    printf 'RabbitMq__VirtualHost=%s\n' "$(shq /)"
    printf 'RabbitMq__Username=%s\n' "$(shq platform)"
    printf 'RabbitMq__Password=%s\n' "$(shq "$(secret rabbitmq-platform)")"
    # Each service's own user (./platform up gives each service its pair as RabbitMq__Username/Password) and the
    # spam filter's: infra/rabbitmq/permissions, as far as the broker was provisioned with them.
    local user
    while read -r user; do
      printf 'RabbitMq__Users__%s__Username=%s\n' "$(rabbitmq_user_key "$user")" "$(shq "$user")"
      printf 'RabbitMq__Users__%s__Password=%s\n' "$(rabbitmq_user_key "$user")" "$(shq "$(secret "rabbitmq-$user")")"
    done < <(rabbitmq_provisioned_users)
    printf 'ConnectionStrings__Postgres=%s\n' \
      "$(shq "Host=127.0.0.1;Port=$PLATFORM_POSTGRES_PORT;Database=platform;Username=platform;Password=$pgpw")"
    printf 'Postgres__AdminConnectionString=%s\n' \
      "$(shq "Host=127.0.0.1;Port=$PLATFORM_POSTGRES_PORT;Database=postgres;Username=postgres;Password=$pgadm")"
    printf 'Ldap__Host=%s\n' "$(shq 127.0.0.1)"
    printf 'Ldap__Port=%s\n' "$(shq "$PLATFORM_LDAP_PORT")"
    printf 'Ldap__LdapsPort=%s\n' "$(shq "$PLATFORM_LDAPS_PORT")"
    printf 'Ldap__CaCertificatePath=%s\n' "$(shq "$TLS_DIR/ca.pem")"
    printf 'Ldap__AdminPassword=%s\n' "$(shq "$ldapadm")"
    printf 'Ldap__DemoBaseDn=%s\n' "$(shq "$DEMO_BASE_DN")"
    printf 'Ldap__DemoAdminDn=%s\n' "$(shq "$DEMO_ADMIN_DN")"
    printf 'Ldap__TestsBaseDn=%s\n' "$(shq "$TESTS_BASE_DN")"
    printf 'Ldap__TestsAdminDn=%s\n' "$(shq "$TESTS_ADMIN_DN")"
    printf 'Ldap__DemoServiceDn=%s\n' "$(shq "$DEMO_SERVICE_DN")"
    printf 'Ldap__DemoServicePassword=%s\n' "$(shq "$DEMO_SERVICE_PASSWORD")"
    printf 'Ldap__DemoUserPassword=%s\n' "$(shq "$DEMO_USER_PASSWORD")"
    printf 'Smtp__Host=%s\n' "$(shq 127.0.0.1)"
    printf 'Smtp__Port=%s\n' "$(shq "$PLATFORM_SMTP_PORT")"
    printf 'Smtp__MailboxDir=%s\n' "$(shq "$PLATFORM_DIR/smtp/mailboxes")"
    printf 'SmtpSink__MailDir=%s\n' "$(shq "$PLATFORM_DIR/smtp/mail")"
    # Directory and callout egress (issue 17): the local demo directories and Samba live on loopback; the
    # platform's own ports there (PostgreSQL, RabbitMQ, the SMTP relay, the services) stay refused.
    printf 'Egress__AllowedNetworks=%s\n' "$(shq '127.0.0.0/8,::1/128')"
    printf 'Auth__Issuer=%s\n' "$(shq platform-auth)"
    printf 'Auth__Audience=%s\n' "$(shq platform)"
    printf 'Auth__SigningKey=%s\n' "$(shq "$(key_material token-signing)")"
    printf 'Auth__ValidationKeys__0=%s\n' "$(shq "$(key_material token-public)")"
    printf 'Secrets__EncryptionKey=%s\n' "$(shq "$(key_material encryption)")"
    # The platform admin auth creates on first start (PLATFORM_ADMIN_EMAIL / PLATFORM_ADMIN_PASSWORD when set).
    printf 'Auth__Admin__Email=%s\n' "$(shq "${PLATFORM_ADMIN_EMAIL:-admin@platform.localhost}")"
    printf 'Auth__Admin__Password=%s\n' "$(shq "${PLATFORM_ADMIN_PASSWORD:-$(secret platform-admin)}")"
    # Samba AD DC (infra/lib/samba.sh); its TLS certificate is signed by Ldap__CaCertificatePath.
    printf 'ActiveDirectory__Host=%s\n' "$(shq 127.0.0.1)"
    printf 'ActiveDirectory__Port=%s\n' "$(shq "$SAMBA_LDAP_PORT")"
    printf 'ActiveDirectory__LdapsPort=%s\n' "$(shq "$SAMBA_LDAPS_PORT")"
    printf 'ActiveDirectory__GlobalCatalogPort=%s\n' "$(shq "$SAMBA_GC_PORT")"
    printf 'ActiveDirectory__Realm=%s\n' "$(shq "$SAMBA_REALM")"
    printf 'ActiveDirectory__Domain=%s\n' "$(shq "$SAMBA_DOMAIN")"
    printf 'ActiveDirectory__BaseDn=%s\n' "$(shq "$SAMBA_BASE_DN")"
    printf 'ActiveDirectory__UsersDn=%s\n' "$(shq "$SAMBA_USERS_DN")"
    printf 'ActiveDirectory__AdminDn=%s\n' "$(shq "$SAMBA_ADMIN_DN")"
    printf 'ActiveDirectory__AdminPassword=%s\n' "$(shq "$(samba_admin_password)")"
    printf 'ActiveDirectory__ServiceDn=%s\n' "$(shq "$SAMBA_SERVICE_DN")"
    printf 'ActiveDirectory__ServiceUpn=%s\n' "$(shq "$SAMBA_SERVICE_UPN")"
    printf 'ActiveDirectory__ServicePassword=%s\n' "$(shq "$SAMBA_DEMO_SERVICE_PASSWORD")"
    printf 'ActiveDirectory__UserPassword=%s\n' "$(shq "$SAMBA_DEMO_USER_PASSWORD")"
  } >"$tmp"
  mv -f "$tmp" "$ENV_FILE"
}

# --- processes and ports -------------------------------------------------------------------

# pid_alive PID: the process exists and is not a zombie (pid 1 here may reap late).
pid_alive() {
  [[ -n ${1:-} && $1 =~ ^[0-9]+$ ]] && kill -0 "$1" 2>/dev/null || return 1
  local stat=""
  { read -r stat </proc/"$1"/stat; } 2>/dev/null || return 1
  stat=${stat##*) }
  [[ ${stat%% *} != Z ]]
}
pid_gone() { ! pid_alive "$1"; }

# Strings that identify our processes (in their command line or environment); a pid file whose
# pid now belongs to someone else is treated as stale and that process is never signalled.
OWN_NEEDLES=("$PLATFORM_DIR/")
pid_is_ours() {
  local pid=$1 f n data
  for f in cmdline environ; do
    data=$(tr '\0' '\n' <"/proc/$pid/$f" 2>/dev/null) || continue
    for n in "${OWN_NEEDLES[@]}"; do [[ $data == *"$n"* ]] && return 0; done
  done
  return 1
}
owned_alive() { pid_alive "${1:-}" && pid_is_ours "$1"; }

# read_pidfile FILE: prints the pid on the first line of FILE (empty if none).
read_pidfile() { [[ -s $1 ]] && head -n1 "$1" | tr -dc '0-9' || true; }

port_listening() { [[ -n $(ss -Hltn "sport = :$1" 2>/dev/null) ]]; }

all_ports_listening() { local p; for p in "$@"; do port_listening "$p" || return 1; done; }
all_ports_closed() { local p; for p in "$@"; do port_listening "$p" && return 1; done; return 0; }

# wait_until SECONDS CMD...: polls CMD every 0.1 s.
wait_until() {
  local deadline=$(( $(now_ms) + $1 * 1000 )); shift
  while true; do
    "$@" && return 0
    (( $(now_ms) >= deadline )) && return 1
    sleep 0.1
  done
}

# stop_pid PID [SECONDS]: TERM, then KILL after SECONDS; only for pids we started.
stop_pid() {
  local pid=$1 t=${2:-15}
  pid_alive "$pid" || return 0
  pid_is_ours "$pid" || { log "pid $pid is not one of ours; not touching it"; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_until "$t" pid_gone "$pid"; then
    log "pid $pid did not stop after ${t}s, sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
    wait_until 5 pid_gone "$pid" || true
  fi
}

# start_detached LOGFILE CMD...: runs CMD in a new session (immune to the caller's Ctrl-C and
# terminal), stdin from /dev/null, output appended to LOGFILE. Sets LAUNCHED_PID.
start_detached() {
  local logfile=$1; shift
  printf '\n===== %s start: %s\n' "$(date -Is)" "$*" >>"$logfile"
  setsid "$@" >>"$logfile" 2>&1 </dev/null &
  LAUNCHED_PID=$!
}

log_tail() { local f=$1; [[ -f $f ]] && { log "last lines of $f:"; tail -n 25 "$f" >&2; }; return 0; }
