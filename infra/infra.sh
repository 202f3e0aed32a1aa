#!/usr/bin/env bash
# Local infrastructure for development and tests: RabbitMQ, PostgreSQL 15, OpenLDAP, an SMTP
# sink and a Samba AD DC (real Active Directory), run privately on 127.0.0.1 with all state
# under <repo>/.platform/. See infra/README.md.
#
#   infra/infra.sh up     [component ...]   install packages if needed, start, wait until ready
#   infra/infra.sh down   [component ...]   stop our instances (data stays on disk)
#   infra/infra.sh status [component ...]   exit 0 if all asked components run, 3 otherwise
#
# Components: rabbitmq postgres ldap smtp samba (none given = all), and rabbitmq-cluster (three clustered RabbitMQ
# nodes, infra/lib/rabbitmq-cluster.sh) only when named.
# `up` prints "started: <component>" or "running: <component>" on stdout, one line per component;
# everything else goes to stderr.
set -euo pipefail

INFRA_DIR="$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")" && pwd -P)"
REPO_ROOT="$(cd -- "$INFRA_DIR/.." && pwd -P)"
ALL_COMPONENTS=(rabbitmq postgres ldap smtp samba)
OPTIONAL_COMPONENTS=(rabbitmq-cluster)

# shellcheck source=lib/common.sh
source "$INFRA_DIR/lib/common.sh"
for c in "${ALL_COMPONENTS[@]}" "${OPTIONAL_COMPONENTS[@]}"; do
  # shellcheck source=/dev/null
  source "$INFRA_DIR/lib/$c.sh"
done

usage() { echo "usage: $0 up|down|status [${ALL_COMPONENTS[*]} ${OPTIONAL_COMPONENTS[*]}]" >&2; exit 2; }

# is_running C: our pid is alive and all the component's ports listen.
is_running() {
  local c=$1 pid ports
  pid=$("${c}_pid")
  owned_alive "$pid" || return 1
  mapfile -t ports < <("${c}_ports")
  all_ports_listening "${ports[@]}"
}

# start_and_wait C: launch once and wait for readiness; returns 1 on failure (after killing it).
start_and_wait() {
  local c=$1 deadline why="not ready within ${START_TIMEOUT}s"
  "${c}_launch" || return 1
  deadline=$(( $(now_ms) + START_TIMEOUT * 1000 ))
  READY_DEADLINE_MS=$deadline   # for ready checks that block on their own
  while (( $(now_ms) < deadline )); do
    if "${c}_ready"; then return 0; fi
    local pid; pid=$("${c}_pid")
    if [[ -n $pid ]] && ! pid_alive "$pid"; then
      why="process $pid exited during startup"; break
    fi
    sleep 0.2
  done
  log "$c: $why; cleaning up"
  "${c}_kill" || true
  return 1
}

component_up() {
  local c=$1 t0 pid ports
  t0=$(now_ms)
  mapfile -t ports < <("${c}_ports")
  pid=$("${c}_pid")
  if owned_alive "$pid"; then
    if all_ports_listening "${ports[@]}" || wait_until "$START_TIMEOUT" all_ports_listening "${ports[@]}"; then
      echo "running: $c"
      return 0
    fi
    log "$c: pid $pid alive but ports ${ports[*]} not listening after ${START_TIMEOUT}s: killing it"
    "${c}_kill" || true
  elif [[ -n $pid ]]; then
    log "$c: stale pid file (pid $pid is gone or not ours), cleaning up"
    "${c}_cleanup_stale"
  fi
  local p
  for p in "${ports[@]}"; do
    port_listening "$p" && { log "$c: port $p is already in use by another process"; return 1; }
  done
  "${c}_prepare"
  local attempt
  for attempt in 1 2; do
    if start_and_wait "$c"; then
      "${c}_after_start"
      log "$c: ready in $(elapsed "$t0") (pid $("${c}_pid"), port $("${c}_main_port"))"
      echo "started: $c"
      return 0
    fi
    ((attempt == 1)) && log "$c: retrying once"
  done
  log_tail "$("${c}_log")"
  log "$c: failed to start"
  return 1
}

component_down() {
  local c=$1 pid ports t0
  t0=$(now_ms)
  pid=$("${c}_pid")
  mapfile -t ports < <("${c}_ports")
  if ! owned_alive "$pid"; then
    [[ -n $pid ]] && "${c}_cleanup_stale"
    [[ $c == rabbitmq ]] && rabbitmq_stop_epmd
    [[ $c == rabbitmq-cluster ]] && rabbitmq-cluster_stop_epmd
    return 0
  fi
  "${c}_stop"
  if ! wait_until 30 all_ports_closed "${ports[@]}"; then
    log "$c: ports ${ports[*]} still open after stop"; return 1
  fi
  log "$c: stopped in $(elapsed "$t0")"
}

component_status() {
  local c=$1
  if is_running "$c"; then
    echo "$c running pid=$("${c}_pid") port=$("${c}_main_port")"
  else
    echo "$c stopped"; return 3
  fi
}

# run_parallel ACTION C...: runs component_ACTION for each component concurrently, prints their
# stdout in component order, returns non-zero if any failed.
run_parallel() {
  local action=$1; shift
  local tmp; tmp=$(mktemp -d)
  local -a pids=() comps=("$@")
  local c i rc=0
  for c in "${comps[@]}"; do
    ( "component_$action" "$c" ) >"$tmp/$c.out" &
    pids+=($!)
  done
  for i in "${!comps[@]}"; do
    wait "${pids[$i]}" || { log "${comps[$i]}: $action failed"; rc=1; }
  done
  for c in "${comps[@]}"; do cat "$tmp/$c.out"; done
  rm -rf "$tmp"
  return "$rc"
}

main() {
  (($# >= 1)) || usage
  local cmd=$1; shift
  local -a comps=()
  if (($# == 0)); then comps=("${ALL_COMPONENTS[@]}"); else
    local c
    for c in "$@"; do
      [[ " ${ALL_COMPONENTS[*]} ${OPTIONAL_COMPONENTS[*]} " == *" $c "* ]] || { log "unknown component: $c"; usage; }
      [[ " ${comps[*]} " == *" $c "* ]] || comps+=("$c")
    done
  fi
  case $cmd in
    up)
      [[ $EUID -eq 0 ]] || die "must run as root (installs packages, runs postgres via runuser)"
      local t0; t0=$(now_ms)
      ensure_packages
      ensure_layout
      load_ports up
      save_ports
      ensure_tls
      write_env_file
      run_parallel up "${comps[@]}" || { log "up failed after $(elapsed "$t0"); logs in $LOG_DIR"; exit 1; }
      # Again, now with the RabbitMQ users the broker was provisioned with on this start (infra/lib/rabbitmq.sh).
      write_env_file
      log "up done in $(elapsed "$t0"); environment in $ENV_FILE"
      ;;
    down)
      [[ -d $PLATFORM_DIR ]] || exit 0
      load_ports down
      run_parallel down "${comps[@]}"
      ;;
    status)
      load_ports status
      local rc=0 c
      for c in "${comps[@]}"; do component_status "$c" || rc=3; done
      exit "$rc"
      ;;
    *) usage ;;
  esac
}

main "$@"
