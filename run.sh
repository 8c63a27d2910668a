#!/usr/bin/env bash
# Starts TrustBot on http://localhost:3978 with everything it needs on this machine.
#   ./run.sh           the bot and its web chat page
#   ./run.sh --teams   also Microsoft 365 Agents Playground (a local Teams emulator) on http://localhost:56150
set -euo pipefail
cd "$(dirname "$0")"
teams=false
for arg in "$@"; do
  case "$arg" in
    --teams) teams=true ;;
    *) echo "usage: ./run.sh [--teams]" >&2; exit 2 ;;
  esac
done

# Node tools (Azurite, the Web Chat bundle) from package-lock.json, when missing or out of date.
if [ ! node_modules/.package-lock.json -nt package-lock.json ]; then
  echo "Installing node tools (npm ci)..."
  npm ci --ignore-scripts --no-audit --no-fund
fi

# Azurite's Table service, unless Storage:ConnectionString points at a real storage account.
storage_connection="${Storage__ConnectionString:-$(node -e 'try { process.stdout.write(require("./appsettings.json").Storage?.ConnectionString ?? "") } catch { }')}"
# shellcheck source=scripts/azurite.sh
. scripts/azurite.sh
playground_pid=""
stop_all() {
  if [ -n "$playground_pid" ]; then
    kill "$playground_pid" 2>/dev/null || true
    wait "$playground_pid" 2>/dev/null || true
    playground_pid=""
  fi
  azurite_stop
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
if [ -n "${Storage__Endpoint:-}" ]; then
  echo "Storage: using the table endpoint from Storage:Endpoint with your Azure sign-in (Azurite not started)."
elif [ -z "$storage_connection" ] || [ "$storage_connection" = "UseDevelopmentStorage=true" ]; then
  if azurite_port_answers 10002; then
    echo "Port 10002 already answers: using the Azurite (or other table service) that is running there."
  else
    azurite_start .data/azurite 10002 || exit 1
    echo "Azurite Table service on http://127.0.0.1:10002 (data in .data/azurite)"
  fi
else
  echo "Storage: using the storage account from Storage:ConnectionString (Azurite not started)."
fi

dotnet build bot/TrustBot.Bot.csproj -c Release -nologo -v quiet
echo "TrustBot: web chat at http://localhost:3978/  (Bot Framework endpoint: http://localhost:3978/api/messages)"
if [ "$teams" = true ]; then
  # The Playground writes its log under devTools/ in its working directory.
  mkdir -p .data/playground
  (cd .data/playground && exec node ../../node_modules/@microsoft/m365agentsplayground/cli.js \
    --app-endpoint http://localhost:3978/api/messages --channel-id msteams --port 56150 --disable-telemetry) \
    >.data/playground/playground.log 2>&1 &
  playground_pid=$!
  # Trust this one local connector, so reminders reach the Playground (local mode stores no other unverified URL).
  export Playground__ServiceUrl="${Playground__ServiceUrl:-http://localhost:56150/_connector}"
  echo "Teams: Microsoft 365 Agents Playground at http://localhost:56150/ (personal chat, group chat, channel)"
fi
# The bot runs as a child so that Ctrl-C / SIGTERM reach it through the trap and Azurite is stopped after it.
# The keys that sign the web chat cookie survive restarts, so returning visitors stay the same person.
export DirectLine__KeysDirectory="${DirectLine__KeysDirectory:-$PWD/.data/keys}"
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
