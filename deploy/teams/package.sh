#!/usr/bin/env bash
# Builds the installable Teams app package (a zip of manifest.json and the two icons).
#
#   deploy/teams/package.sh <bot-app-id> <bot-domain> [teams-app-id]
#
# bot-app-id   the Azure Bot's Microsoft App ID (the same value as Teams__MicrosoftAppId)
# bot-domain   the host the bot is reached at, e.g. incidentbot.example.com
# teams-app-id the package's own id; a new GUID if omitted (keep it stable across versions)
#
# Writes deploy/teams/out/incidentbot-teams.zip (or into $INCIDENTBOT_TEAMS_OUT, as the tests do):
# upload it in Teams (Apps → Manage your apps → Upload an app) or in the Teams admin center.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
guid='^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'

bot_app_id="${1:-}"
bot_domain="${2:-}"
teams_app_id="${3:-$(cat /proc/sys/kernel/random/uuid)}"
if [[ ! "$bot_app_id" =~ $guid ]]; then
  echo "usage: $0 <bot-app-id (GUID)> <bot-domain> [teams-app-id (GUID)]" >&2
  exit 2
fi
if [[ ! "$teams_app_id" =~ $guid ]]; then
  echo "teams-app-id must be a GUID" >&2
  exit 2
fi
if [[ -z "$bot_domain" || "$bot_domain" == *"/"* || "$bot_domain" == *":"* ]]; then
  echo "bot-domain is a host name only, e.g. incidentbot.example.com" >&2
  exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
sed -e "s/\${BOT_APP_ID}/$bot_app_id/g" -e "s/\${TEAMS_APP_ID}/$teams_app_id/g" -e "s/\${BOT_DOMAIN}/$bot_domain/g" \
  "$here/manifest.json" > "$work/manifest.json"
if grep -q '\${' "$work/manifest.json"; then
  echo "manifest.json still has a placeholder: $(grep -o '\${[A-Z_]*}' "$work/manifest.json" | sort -u | tr '\n' ' ')" >&2
  exit 1
fi
python3 - "$work/manifest.json" "$here/color.png" "$here/outline.png" <<'PY'
import json, struct, sys
manifest, color, outline = sys.argv[1:4]
json.load(open(manifest, encoding="utf-8"))  # valid JSON

def size(path):
    head = open(path, "rb").read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", head[16:24])

assert size(color) == (192, 192), "color.png must be 192x192"
assert size(outline) == (32, 32), "outline.png must be 32x32"
PY
cp "$here/color.png" "$here/outline.png" "$work/"
out="${INCIDENTBOT_TEAMS_OUT:-$here/out}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
rm -f "$out/incidentbot-teams.zip"
(cd "$work" && zip -q -X "$out/incidentbot-teams.zip" manifest.json color.png outline.png)
echo "wrote $out/incidentbot-teams.zip (bot $bot_app_id, app $teams_app_id)"
