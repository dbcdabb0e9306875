# Helpers the CI scripts that start an agent or a broker share; source it, do not run it.

# port_answers PORT: whether something accepts a TCP connection on 127.0.0.1:PORT.
port_answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_for_port PORT PID LOG: until PORT answers on 127.0.0.1, or PID ends, at most 60 s.
wait_for_port() {
  for _ in $(seq 1 300); do
    if port_answers "$1"; then
      return 0
    fi
    if ! kill -0 "$2" 2>/dev/null; then
      break
    fi
    sleep 0.2
  done
  echo "nothing answers on 127.0.0.1:$1; the log ($3):" >&2
  tail -n 40 "$3" >&2
  return 1
}

# wait_for_log TEXT PID LOG: until LOG holds TEXT, or PID ends, at most 60 s.
wait_for_log() {
  for _ in $(seq 1 300); do
    if grep -qF -- "$1" "$3"; then
      return 0
    fi
    if ! kill -0 "$2" 2>/dev/null; then
      break
    fi
    sleep 0.2
  done
  echo "the log ($3) does not say '$1'; its end:" >&2
  tail -n 40 "$3" >&2
  return 1
}

# start_mosquitto PORT DIR: Debian's mosquitto on 127.0.0.1:PORT, anonymous, nothing persisted,
# its configuration and log in DIR; sets broker_pid, then waits until the port answers.
start_mosquitto() {
  printf '%s\n' "listener $1 127.0.0.1" "allow_anonymous true" "persistence false" >"$2/mosquitto.conf"
  mosquitto -c "$2/mosquitto.conf" >"$2/mosquitto.log" 2>&1 &
  broker_pid=$!
  wait_for_port "$1" "$broker_pid" "$2/mosquitto.log"
}
