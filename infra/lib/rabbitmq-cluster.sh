# shellcheck shell=bash
# rabbitmq-cluster: three RabbitMQ nodes (rabbit-c1@localhost, -c2, -c3) clustered on loopback, beside the single
# node of rabbitmq.sh and sharing nothing with it: own folder, ports, epmd and Erlang cookie. Not started by default:
# `infra/infra.sh up rabbitmq-cluster` (or `./platform infra up rabbitmq-cluster`). The services reach it with
# RabbitMq__Hosts__0..2 (the env file .platform/rabbitmq-cluster/env); quorum queues replicate over its nodes.
#
# Node i (1..3) listens on base + i - 1 of each port setting: AMQP PLATFORM_RABBITMQ_CLUSTER_PORT (5680),
# management PLATFORM_RABBITMQ_CLUSTER_MANAGEMENT_PORT (15680), Erlang distribution RABBITMQ_CLUSTER_DIST_PORT
# (25680); its epmd is RABBITMQ_CLUSTER_EPMD_PORT (4380).

PORT_DEFAULTS+=(
  PLATFORM_RABBITMQ_CLUSTER_PORT:5680
  PLATFORM_RABBITMQ_CLUSTER_MANAGEMENT_PORT:15680
  RABBITMQ_CLUSTER_DIST_PORT:25680
  RABBITMQ_CLUSTER_EPMD_PORT:4380
)

RMQC_DIR="$PLATFORM_DIR/rabbitmq-cluster"
RMQC_NODES=(1 2 3)
RMQC_CLUSTERED_FILE="$RMQC_DIR/clustered"

rmqc_node() { printf 'rabbit-c%s@localhost\n' "$1"; }
rmqc_port() { printf '%s\n' $((PLATFORM_RABBITMQ_CLUSTER_PORT + $1 - 1)); }
rmqc_management_port() { printf '%s\n' $((PLATFORM_RABBITMQ_CLUSTER_MANAGEMENT_PORT + $1 - 1)); }
rmqc_dist_port() { printf '%s\n' $((RABBITMQ_CLUSTER_DIST_PORT + $1 - 1)); }
rmqc_pid_file() { printf '%s\n' "$RMQC_DIR/node$1/rabbit.pid"; }
rmqc_launcher_pid_file() { printf '%s\n' "$RMQC_DIR/node$1/launcher.pid"; }

rabbitmq-cluster_log() { printf '%s\n' "$LOG_DIR/rabbitmq-cluster.log"; }
rabbitmq-cluster_main_port() { rmqc_port 1; }
rabbitmq-cluster_ports() {
  local i
  for i in "${RMQC_NODES[@]}"; do rmqc_port "$i"; rmqc_management_port "$i"; rmqc_dist_port "$i"; done
}

# rmqc_env I: the environment of node I (as rabbitmq_env for the single node, with the cluster's shared HOME).
rmqc_env() {
  local i=$1 dir="$RMQC_DIR/node$1"
  export HOME="$RMQC_DIR/home"
  export RABBITMQ_NODENAME; RABBITMQ_NODENAME=$(rmqc_node "$i")
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT; RABBITMQ_NODE_PORT=$(rmqc_port "$i")
  export RABBITMQ_DIST_PORT; RABBITMQ_DIST_PORT=$(rmqc_dist_port "$i")
  export ERL_EPMD_PORT=$RABBITMQ_CLUSTER_EPMD_PORT
  export ERL_EPMD_ADDRESS=127.0.0.1
  export RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf"
  export RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf"
  export RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins"
  export RABBITMQ_MNESIA_BASE="$dir/mnesia"
  export RABBITMQ_LOG_BASE="$LOG_DIR/rabbitmq-cluster-node$i"
  export RABBITMQ_LOGS=-
  export RABBITMQ_PID_FILE; RABBITMQ_PID_FILE=$(rmqc_pid_file "$i")
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
}

# rmqcctl I ARGS...: rabbitmqctl against node I.
rmqcctl() { local i=$1; shift; (rmqc_env "$i" && cd "$RMQC_DIR" && "$RMQ_BIN/rabbitmqctl" -q -n "$(rmqc_node "$i")" "$@"); }

rmqc_node_pid() {
  local pid lpid
  pid=$(read_pidfile "$(rmqc_pid_file "$1")")
  if owned_alive "$pid"; then printf '%s\n' "$pid"; return; fi
  lpid=$(read_pidfile "$(rmqc_launcher_pid_file "$1")")
  if owned_alive "$lpid"; then printf '%s\n' "$lpid"; return; fi
  printf '%s\n' "${pid:-$lpid}"
}

# The first node that runs (infra.sh also checks that every node's ports listen), so that `down` stops what is left
# after a test stopped a node.
rabbitmq-cluster_pid() {
  local i pid first=""
  for i in "${RMQC_NODES[@]}"; do
    pid=$(rmqc_node_pid "$i")
    if owned_alive "$pid"; then printf '%s\n' "$pid"; return; fi
    first=${first:-$pid}
  done
  printf '%s\n' "$first"
}

rabbitmq-cluster_cleanup_stale() {
  local i
  for i in "${RMQC_NODES[@]}"; do rm -f "$(rmqc_pid_file "$i")" "$(rmqc_launcher_pid_file "$i")"; done
}

rabbitmq-cluster_prepare() {
  local i dir
  mkdir -p "$RMQC_DIR/home" "$LOG_DIR"
  chmod 0700 "$RMQC_DIR"
  # One cookie for the three nodes (and their CLI), written before any of them starts and could make its own.
  (umask 077 && secret rabbitmq-cluster-cookie >"$RMQC_DIR/home/.erlang.cookie")
  chmod 0400 "$RMQC_DIR/home/.erlang.cookie"
  for i in "${RMQC_NODES[@]}"; do
    dir="$RMQC_DIR/node$i"
    mkdir -p "$dir/mnesia" "$LOG_DIR/rabbitmq-cluster-node$i"
    : >"$dir/rabbitmq-env.conf"
    printf '[rabbitmq_management].\n' >"$dir/enabled_plugins"
    printf '[].\n' >"$dir/advanced.config"
    rabbitmq_write_conf "$dir/rabbitmq.conf" "$(rmqc_port "$i")" "$(rmqc_management_port "$i")"
  done
  if port_listening "$RABBITMQ_CLUSTER_EPMD_PORT" \
    && ERL_EPMD_PORT=$RABBITMQ_CLUSTER_EPMD_PORT epmd -names 2>/dev/null | grep -q '^name rabbit-c1 '; then
    die "a node 'rabbit-c1' is already registered on epmd port $RABBITMQ_CLUSTER_EPMD_PORT (another cluster?); set RABBITMQ_CLUSTER_EPMD_PORT"
  fi
}

# All three nodes at once: nodes that were clustered before wait for each other while they boot.
rabbitmq-cluster_launch() {
  local i
  for i in "${RMQC_NODES[@]}"; do
    rm -f "$(rmqc_pid_file "$i")"
    (rmqc_env "$i" && cd "$RMQC_DIR" && start_detached "$(rabbitmq-cluster_log)" "$RMQ_BIN/rabbitmq-server" \
      && printf '%s\n' "$LAUNCHED_PID" >"$(rmqc_launcher_pid_file "$i")") || return 1
  done
}

rabbitmq-cluster_ready() {
  local left i ports=()
  left=$(( (READY_DEADLINE_MS - $(now_ms)) / 1000 ))
  ((left > 0)) || left=1
  for i in "${RMQC_NODES[@]}"; do
    rmqcctl "$i" wait --timeout "$left" "$(rmqc_pid_file "$i")" >/dev/null 2>&1 || return 1
    ports+=("$(rmqc_port "$i")" "$(rmqc_management_port "$i")")
  done
  wait_until 10 all_ports_listening "${ports[@]}"
}

# First start: nodes 2 and 3 join node 1 (each reset first: they booted as clusters of their own).
rmqc_join() {
  local i
  for i in 2 3; do
    rmqcctl "$i" stop_app >/dev/null
    rmqcctl "$i" reset >/dev/null
    rmqcctl "$i" join_cluster "$(rmqc_node 1)" >/dev/null
    rmqcctl "$i" start_app >/dev/null
  done
  : >"$RMQC_CLUSTERED_FILE"
}

rabbitmq-cluster_after_start() {
  local pw i
  pw=$(secret rabbitmq-platform)
  if [[ ! -f $RMQC_CLUSTERED_FILE ]]; then
    rmqc_join || { log "rabbitmq-cluster: nodes 2 and 3 could not join node 1"; return 1; }
  fi
  # The cluster must have all three nodes running before anyone declares a quorum queue on it.
  local running
  running=$(rmqcctl 1 eval 'length(rabbit_nodes:all_running()).' 2>/dev/null || true)
  [[ $running == 3 ]] || log "rabbitmq-cluster: $running of 3 nodes running"
  {
    printf 'RabbitMq__VirtualHost=%s\n' "$(shq /)"
    printf 'RabbitMq__Username=%s\n' "$(shq platform)"
    printf 'RabbitMq__Password=%s\n' "$(shq "$pw")"
    for i in "${RMQC_NODES[@]}"; do
      printf 'RabbitMq__Hosts__%s=%s\n' $((i - 1)) "$(shq "127.0.0.1:$(rmqc_port "$i")")"
      printf 'RabbitMqCluster__Nodes__%s__Name=%s\n' $((i - 1)) "$(shq "$(rmqc_node "$i")")"
      printf 'RabbitMqCluster__Nodes__%s__ManagementPort=%s\n' $((i - 1)) "$(shq "$(rmqc_management_port "$i")")"
      printf 'RabbitMqCluster__Nodes__%s__PidFile=%s\n' $((i - 1)) "$(shq "$(rmqc_pid_file "$i")")"
    done
  } >"$RMQC_DIR/env"
  chmod 0600 "$RMQC_DIR/env"
}

rabbitmq-cluster_kill() {
  local i
  for i in "${RMQC_NODES[@]}"; do
    stop_pid "$(read_pidfile "$(rmqc_pid_file "$i")")" 20
    stop_pid "$(read_pidfile "$(rmqc_launcher_pid_file "$i")")" 10
  done
  rabbitmq-cluster_cleanup_stale
}

rabbitmq-cluster_stop_epmd() {
  port_listening "$RABBITMQ_CLUSTER_EPMD_PORT" || return 0
  ERL_EPMD_PORT=$RABBITMQ_CLUSTER_EPMD_PORT epmd -kill >/dev/null 2>&1 || true
  wait_until 5 all_ports_closed "$RABBITMQ_CLUSTER_EPMD_PORT" \
    || log "rabbitmq-cluster: epmd on port $RABBITMQ_CLUSTER_EPMD_PORT still running"
}

rabbitmq-cluster_stop() {
  local i pid lpid
  # Node by node, the last one last: a clustered node stopped last is the one the others wait for on the next start.
  for i in 3 2 1; do
    pid=$(rmqc_node_pid "$i")
    owned_alive "$pid" || continue
    rmqcctl "$i" shutdown --timeout 60 >/dev/null 2>&1 || stop_pid "$(read_pidfile "$(rmqc_pid_file "$i")")" 20
    wait_until 30 pid_gone "$pid" || stop_pid "$pid" 10
    lpid=$(read_pidfile "$(rmqc_launcher_pid_file "$i")")
    wait_until 10 pid_gone "$lpid" || stop_pid "$lpid" 5
  done
  rabbitmq-cluster_cleanup_stale
  rabbitmq-cluster_stop_epmd
}
