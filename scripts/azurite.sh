# Starting and stopping Azurite's Table service with its data on disk; sourced by run.sh (and its test).
# Azurite writes its database to disk on SIGINT (and on a periodic save), not on SIGTERM, so it is
# always stopped with SIGINT and waited for: stopping ./run.sh must not lose the last answers.

azurite_pid=""
azurite_log=""

azurite_port_answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# azurite_start <data directory> <port>: starts it in the background and waits (30 s at most) until it answers.
azurite_start() {
  local location="$1" port="$2"
  mkdir -p "$location"
  azurite_log="$location/azurite.log"
  node_modules/.bin/azurite-table --tableHost 127.0.0.1 --tablePort "$port" --location "$location" \
    --skipApiVersionCheck --disableProductStyleUrl --silent >"$azurite_log" 2>&1 &
  azurite_pid=$!
  for _ in $(seq 1 150); do
    azurite_port_answers "$port" && return 0
    if ! kill -0 "$azurite_pid" 2>/dev/null; then
      azurite_pid=""
      echo "Azurite stopped while starting; see $location/azurite.log. Run 'npm ci --ignore-scripts' if it is missing, or free port $port." >&2
      return 1
    fi
    sleep 0.2
  done
  echo "Azurite did not answer on 127.0.0.1:$port within 30 s; see $location/azurite.log." >&2
  return 1
}

# azurite_stop: SIGINT so it saves, then waits for it to exit (SIGKILL only if it hangs for 20 s).
# Azurite logs "successfully closed" once its database is written; after that, only a client's idle keep-alive
# connection (a test's or a tool's HTTP pool) can keep the process alive, and ending it then loses nothing.
azurite_stop() {
  [ -n "$azurite_pid" ] || return 0
  kill -INT "$azurite_pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$azurite_pid" 2>/dev/null || break
    if grep -q "successfully closed" "$azurite_log" 2>/dev/null; then
      kill -TERM "$azurite_pid" 2>/dev/null || true
      break
    fi
    sleep 0.2
  done
  for _ in $(seq 1 10); do
    kill -0 "$azurite_pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$azurite_pid" 2>/dev/null; then
    echo "Azurite did not stop within 20 s of SIGINT; killing it (the last writes may be lost)." >&2
    kill -KILL "$azurite_pid" 2>/dev/null || true
  fi
  wait "$azurite_pid" 2>/dev/null || true
  azurite_pid=""
}
