#!/bin/sh
# The container's command: `goldanalytics serve` (the default), `goldanalytics keys bootstrap --name admin`,
# `goldanalytics migrate`, `goldanalytics seed ...`. As infra/dev does, the shop's time zone defaults to the
# one in the dashboard's shop.json, so timers and "today" follow the zone the dashboard shows.
set -eu
if [ -z "${GA_TIME_ZONE:-}" ] && [ -f "$GA_STATIC_WEB/shop.json" ]; then
  GA_TIME_ZONE="$(sed -n 's/.*"timeZone"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$GA_STATIC_WEB/shop.json" | head -n 1)"
  export GA_TIME_ZONE
fi
exec dotnet /app/goldanalytics.dll "$@"
