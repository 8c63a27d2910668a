#!/usr/bin/env bash
# One-command deployment of TrustBot to Azure (see infra/README.md). Needs the Azure CLI (az), logged in
# (az login), the .NET 10 SDK and Node.js; nothing here can run without an Azure subscription.
#
#   TRUSTBOT_APP_ID=<bot app (client) id> TRUSTBOT_APP_PASSWORD=<client secret> \
#     infra/deploy.sh <resource-group> [location]
#
# Optional: TRUSTBOT_APP_TENANT_ID (default: the signed-in tenant), TRUSTBOT_DIRECTLINE_SECRET (after the first
# deployment), TRUSTBOT_NAME_PREFIX (default trustbot), TRUSTBOT_INSTANCES (default 2).
set -euo pipefail
cd "$(dirname "$0")/.."

group="${1:?usage: infra/deploy.sh <resource-group> [location]}"
location="${2:-westeurope}"
: "${TRUSTBOT_APP_ID:?set TRUSTBOT_APP_ID to the Entra app (client) id of the bot}"
: "${TRUSTBOT_APP_PASSWORD:?set TRUSTBOT_APP_PASSWORD to a client secret of that app}"
tenant="${TRUSTBOT_APP_TENANT_ID:-$(az account show --query tenantId -o tsv)}"

az group create --name "$group" --location "$location" --output none

# Secrets go in through a temporary parameters file (removed on exit), never on the command line.
parameters="$(mktemp)"
trap 'rm -f "$parameters" artifacts/trustbot-app.zip' EXIT
node -e '
  const p = (v) => ({ value: v });
  const out = {
    botAppId: p(process.env.TRUSTBOT_APP_ID),
    botAppTenantId: p(process.argv[1]),
    botAppPassword: p(process.env.TRUSTBOT_APP_PASSWORD),
    directLineSecret: p(process.env.TRUSTBOT_DIRECTLINE_SECRET ?? ""),
    namePrefix: p(process.env.TRUSTBOT_NAME_PREFIX ?? "trustbot"),
    instanceCount: p(Number(process.env.TRUSTBOT_INSTANCES ?? "2")),
  };
  process.stdout.write(JSON.stringify({ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", contentVersion: "1.0.0.0", parameters: out }));
' "$tenant" >"$parameters"

echo "Deploying the infrastructure (infra/main.bicep) to $group..."
outputs="$(az deployment group create --resource-group "$group" --name trustbot \
  --template-file infra/main.bicep --parameters "@$parameters" --query properties.outputs -o json)"
web_app="$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).webAppName.value)' "$outputs")"
web_url="$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).webChatUrl.value)' "$outputs")"

echo "Publishing the bot to $web_app..."
[ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --ignore-scripts --no-audit --no-fund
rm -rf artifacts/publish && mkdir -p artifacts
dotnet publish bot/TrustBot.Bot.csproj -c Release -o artifacts/publish -nologo -v quiet
(cd artifacts/publish && zip -qr ../trustbot-app.zip .)
az webapp deploy --resource-group "$group" --name "$web_app" --src-path artifacts/trustbot-app.zip --type zip --output none

echo "Building the Teams app package..."
MICROSOFT_APP_ID="$TRUSTBOT_APP_ID" WEBSITE_URL="${web_url%/}" teams/package.sh

echo
echo "TrustBot is deployed: web chat at $web_url"
echo "Teams: upload artifacts/trustbot-teams.zip (Apps > Manage your apps > Upload an app)."
[ -n "${TRUSTBOT_DIRECTLINE_SECRET:-}" ] || echo "Web chat: copy a Direct Line secret from the Azure Bot's Direct Line channel and run again with TRUSTBOT_DIRECTLINE_SECRET set."
