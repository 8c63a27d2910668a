#!/usr/bin/env bash
# Builds the Teams app package (manifest + icons) an operator uploads to Teams.
# Needs: MICROSOFT_APP_ID (the Azure Bot's app id). Optional: TEAMS_APP_ID (a GUID; defaults to the app id),
# DEVELOPER_NAME, WEBSITE_URL (https, where the bot's web page is served).
set -euo pipefail
cd "$(dirname "$0")"
: "${MICROSOFT_APP_ID:?Set MICROSOFT_APP_ID to the app id of your Azure Bot registration}"
export MICROSOFT_APP_ID
export TEAMS_APP_ID="${TEAMS_APP_ID:-$MICROSOFT_APP_ID}"
export DEVELOPER_NAME="${DEVELOPER_NAME:-TrustBot operator}"
export WEBSITE_URL="${WEBSITE_URL:-https://example.org}"
out=../artifacts/teams
rm -rf "$out" && mkdir -p "$out"
# Substitute only our own placeholders, leaving the JSON otherwise untouched.
sed -e "s|\${MICROSOFT_APP_ID}|$MICROSOFT_APP_ID|g" -e "s|\${TEAMS_APP_ID}|$TEAMS_APP_ID|g" \
    -e "s|\${DEVELOPER_NAME}|$DEVELOPER_NAME|g" -e "s|\${WEBSITE_URL}|$WEBSITE_URL|g" \
    manifest.template.json > "$out/manifest.json"
cp color.png outline.png "$out/"
(cd "$out" && zip -q -X ../trustbot-teams.zip manifest.json color.png outline.png)
echo "Teams app package: $(cd .. && pwd)/artifacts/trustbot-teams.zip"
