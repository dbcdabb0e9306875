# Helpers the CI scripts that start an agent or a broker share; source it, do not run it.

# port_answers PORT: whether something accepts a TCP connection on 127.0.0.1:PORT.
port_answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_until HEADING PID LOG COMMAND...: until COMMAND succeeds, or PID ends, at most 60 s; then
# HEADING and the end of LOG on stderr, and failure.
wait_until() {
  local heading=$1 pid=$2 log=$3
  shift 3
  for _ in $(seq 1 300); do
    if "$@"; then
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      break
    fi
    sleep 0.2
  done
  echo "$heading" >&2
  tail -n 40 "$log" >&2
  return 1
}

# wait_for_port PORT PID LOG: until PORT answers on 127.0.0.1, or PID ends, at most 60 s.
wait_for_port() {
  wait_until "nothing answers on 127.0.0.1:$1; the log ($3):" "$2" "$3" port_answers "$1"
}

# wait_for_log TEXT PID LOG: until LOG holds TEXT, or PID ends, at most 60 s.
wait_for_log() {
  wait_until "the log ($3) does not say '$1'; its end:" "$2" "$3" grep -qF -- "$1" "$3"
}

# start_mosquitto PORT DIR: Debian's mosquitto on 127.0.0.1:PORT, anonymous, nothing persisted,
# its configuration and log in DIR; sets broker_pid, then waits until the port answers.
start_mosquitto() {
  printf '%s\n' "listener $1 127.0.0.1" "allow_anonymous true" "persistence false" >"$2/mosquitto.conf"
  mosquitto -c "$2/mosquitto.conf" >"$2/mosquitto.log" 2>&1 &
  broker_pid=$!
  wait_for_port "$1" "$broker_pid" "$2/mosquitto.log"
}
