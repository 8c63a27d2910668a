#!/usr/bin/env bash
# Starts TrustBot on http://localhost:3978 with everything it needs on this machine.
set -euo pipefail
cd "$(dirname "$0")"

# Node tools (Azurite, the Web Chat bundle) from package-lock.json, when missing or out of date.
if [ ! node_modules/.package-lock.json -nt package-lock.json ]; then
  echo "Installing node tools (npm ci)..."
  npm ci --ignore-scripts --no-audit --no-fund
fi

# Azurite's Table service, unless Storage:ConnectionString points at a real storage account.
storage_connection="${Storage__ConnectionString:-$(node -e 'try { process.stdout.write(require("./appsettings.json").Storage?.ConnectionString ?? "") } catch { }')}"
azurite_pid=""
stop_azurite() {
  if [ -n "$azurite_pid" ]; then
    kill "$azurite_pid" 2>/dev/null || true
    wait "$azurite_pid" 2>/dev/null || true
    azurite_pid=""
  fi
}
trap stop_azurite EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
table_port_answers() { (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null; }
if [ -z "$storage_connection" ] || [ "$storage_connection" = "UseDevelopmentStorage=true" ]; then
  if table_port_answers; then
    echo "Port 10002 already answers: using the Azurite (or other table service) that is running there."
  else
    mkdir -p .data/azurite
    node_modules/.bin/azurite-table --tableHost 127.0.0.1 --tablePort 10002 --location .data/azurite \
      --skipApiVersionCheck --disableProductStyleUrl --silent >.data/azurite/azurite.log 2>&1 &
    azurite_pid=$!
    for _ in $(seq 1 150); do
      table_port_answers && break
      if ! kill -0 "$azurite_pid" 2>/dev/null; then
        azurite_pid=""
        echo "Azurite stopped while starting; see .data/azurite/azurite.log. Run 'npm ci --ignore-scripts' if it is missing, or free port 10002." >&2
        exit 1
      fi
      sleep 0.2
    done
    if ! table_port_answers; then
      echo "Azurite did not answer on 127.0.0.1:10002 within 30 s; see .data/azurite/azurite.log." >&2
      exit 1
    fi
    echo "Azurite Table service on http://127.0.0.1:10002 (data in .data/azurite)"
  fi
else
  echo "Storage: using the storage account from Storage:ConnectionString (Azurite not started)."
fi

dotnet build bot/TrustBot.Bot.csproj -c Release -nologo -v quiet
echo "TrustBot: web chat at http://localhost:3978/  (Bot Framework endpoint: http://localhost:3978/api/messages)"
# The bot runs as a child so that Ctrl-C / SIGTERM reach it through the trap and Azurite is stopped after it.
dotnet bot/bin/Release/net10.0/TrustBot.Bot.dll --contentRoot "$PWD" &
bot_pid=$!
trap 'kill -TERM "$bot_pid" 2>/dev/null || true' INT TERM
set +e
wait "$bot_pid"
status=$?
while kill -0 "$bot_pid" 2>/dev/null; do
  wait "$bot_pid"
  status=$?
done
exit "$status"
