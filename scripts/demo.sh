#!/usr/bin/env bash
# The demo (README command 1): builds everything, starts the PMS emulator on loopback, and has
# host_stub load the Plex driver exactly as a media manager would: info, capabilities and
# test-connection against the emulated server; then a new movie is published and synced (waiting,
# then queued with its outcome followed), and
# the emulated Plex library shows it; new artwork is re-read by an item refresh; a poster is
# pushed and locked with the NFO's fields; a refresh is held back while someone watches; and the
# driver's metadata provider (PMS 1.43+) serves a movie's NFO to the emulated Plex (the sync
# uploads its poster: on a LAN the provider links no images).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${PD_BUILD_DIR:-$ROOT/build}"
"$ROOT/scripts/setup.sh" "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo

HOST_STUB="$BUILD/host_stub/host_stub"
DRIVER="$BUILD/plex_plugin/libplex_driver.so"
EMULATOR="$BUILD/tests/pms_emulator/pms_emulator"
LIBRARY="$ROOT/tests/pms_emulator/fixtures/demo_library.json"

WORK="$(mktemp -d)"
EMULATOR_PID=""
PROVIDER_PID=""
cleanup() {
  [ -n "$PROVIDER_PID" ] && kill "$PROVIDER_PID" 2>/dev/null && wait "$PROVIDER_PID" 2>/dev/null
  [ -n "$EMULATOR_PID" ] && kill "$EMULATOR_PID" 2>/dev/null && wait "$EMULATOR_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

# A fresh random token for this run; it is written only to the 0600 config file.
TOKEN="demo-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"

# A server new enough for custom metadata providers (1.43.0), so the last part can use them.
"$EMULATOR" --port 0 --library "$LIBRARY" --token "$TOKEN" --name "Demo Plex" --version 1.43.0.10162-4f2c8a9e1 >"$WORK/emulator.out" 2>"$WORK/emulator.err" &
EMULATOR_PID=$!
for _ in $(seq 1 100); do
  grep -q "listening on" "$WORK/emulator.out" 2>/dev/null && break
  sleep 0.1
done
URL="$(grep -o 'http://[0-9.]*:[0-9]*' "$WORK/emulator.out" | head -n1)"
if [ -z "$URL" ]; then
  echo "demo: the emulator did not start:" >&2
  cat "$WORK/emulator.err" >&2
  exit 1
fi
PORT="${URL##*:}"

# The media manager's side of the library: the same folders under another root.
MEDIA="$WORK/media"
mkdir -p "$MEDIA/movies" "$MEDIA/tv"

umask 077
cat >"$WORK/config.json" <<JSON
{"name": "Demo Plex", "host": "127.0.0.1", "port": $PORT, "use_https": false,
 "plex_token": "$TOKEN", "timeout_seconds": 10, "debounce_seconds": 1,
 "path_mappings": [{"metarr_path": "$MEDIA/movies", "player_path": "/data/movies"},
                   {"metarr_path": "$MEDIA/tv", "player_path": "/data/tv"}]}
JSON
umask 022

# The emulator's control API (not part of Plex). The token goes in a header, never on screen.
control() {  # METHOD PATH [JSON]
  curl -fsS -X "$1" -H "X-Plex-Token: $TOKEN" -H "Content-Type: application/json" \
       ${3:+--data "$3"} "$URL/__emulator/$2"
}
show_movies() {
  control GET "items?section=1" | tr '{' '\n' | sed -n 's/.*"title":"\([^"]*\)","year":\([0-9]*\),"deleted":\(true\|false\).*/  - \1 (\2)/p'
}

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
echo "PMS emulator running at $URL (library: ${LIBRARY#$ROOT/})"

step host_stub info --driver "${DRIVER#$ROOT/}"
"$HOST_STUB" info --driver "$DRIVER"

step host_stub capabilities --driver "${DRIVER#$ROOT/}" --config config.json
"$HOST_STUB" capabilities --driver "$DRIVER" --config "$WORK/config.json"

step host_stub test-connection --driver "${DRIVER#$ROOT/}" --config config.json
"$HOST_STUB" test-connection --driver "$DRIVER" --config "$WORK/config.json"

echo
echo "Movies in the emulated Plex library:"
show_movies

# A media manager publishes a new movie: the folder appears on its side, the file on the
# server's side (the same storage, seen through the path mapping).
NEW="$MEDIA/movies/Arrival (2016)"
mkdir -p "$NEW"
: >"$NEW/Arrival (2016).mkv"
control POST files '{"add":["/data/movies/Arrival (2016)/Arrival (2016).mkv"]}' >/dev/null
echo
echo "published: ${NEW#$WORK/}"

step host_stub sync --config config.json --kind added "media/movies/Arrival (2016)"
"$HOST_STUB" sync --driver "$DRIVER" --config "$WORK/config.json" --kind added "$NEW"

echo
echo "Movies in the emulated Plex library after the sync:"
show_movies

# New artwork for a movie Plex already has: a scan would not re-read it, an item refresh does.
mkdir -p "$MEDIA/movies/Heat (1995)"
: >"$MEDIA/movies/Heat (1995)/poster.jpg"
echo
echo "published: media/movies/Heat (1995)/poster.jpg"
step host_stub sync --config config.json "media/movies/Heat (1995)/poster.jpg"
"$HOST_STUB" sync --driver "$DRIVER" --config "$WORK/config.json" "$MEDIA/movies/Heat (1995)/poster.jpg"

# Push and lock: the manager's poster uploaded, selected and locked, and its NFO's fields set and
# locked, so Plex's agents keep them (whether or not the library reads local artwork).
printf '\377\330\377\340 the manager'"'"'s Heat poster \377\331' >"$MEDIA/movies/Heat (1995)/poster.jpg"
cat >"$MEDIA/movies/Heat (1995)/movie.nfo" <<'NFO'
<movie><title>Heat</title><plot>A group of professional bank robbers start to feel the heat.</plot>
<genre>Crime</genre><genre>Drama</genre><studio>Forward Pass</studio></movie>
NFO
echo
echo "published: a new poster.jpg and movie.nfo for Heat"
step host_stub sync --config config.json --push-artwork --lock-fields "media/movies/Heat (1995)"
"$HOST_STUB" sync --driver "$DRIVER" --config "$WORK/config.json" --push-artwork --lock-fields "$MEDIA/movies/Heat (1995)"
step host_stub find --config config.json "media/movies/Heat (1995)"
"$HOST_STUB" find --driver "$DRIVER" --config "$WORK/config.json" "$MEDIA/movies/Heat (1995)"

# A queued sync, as a media manager sends it for a batch: the answer is "queued" at once, and the
# outcome arrives later as the change's sync.change event, carrying the id the host gave.
DUNE="$MEDIA/movies/Dune (2021)"
mkdir -p "$DUNE"
: >"$DUNE/Dune (2021).mkv"
control POST files '{"add":["/data/movies/Dune (2021)/Dune (2021).mkv"]}' >/dev/null
step host_stub sync --config config.json --kind added --no-wait --follow --id metarr-job-1 "media/movies/Dune (2021)"
"$HOST_STUB" sync --driver "$DRIVER" --config "$WORK/config.json" --kind added --no-wait --follow --id metarr-job-1 "$DUNE"

# Someone starts watching Heat: with skip_active the driver holds the refresh back and says who.
control POST sessions '{"action":"start","rating_key":"101","user":"alice","player":"Living Room TV"}' >/dev/null
echo
echo "alice starts watching Heat on the living-room TV"
step host_stub sync --config config.json --skip-active item "media/movies/Heat (1995)/poster.jpg"
set +e
"$HOST_STUB" sync --driver "$DRIVER" --config "$WORK/config.json" --skip-active item "$MEDIA/movies/Heat (1995)/poster.jpg"
echo "(exit code $?: deferred)"
set -e


# The metadata provider: Plex (1.43+) asks it for what the manager wrote, as the library's agent.
echo
echo "the driver's metadata provider, served by host_stub (Metarr serves it from its own web server):"
step host_stub serve-provider --config config.json --port 0 "&"
"$HOST_STUB" serve-provider --driver "$DRIVER" --config "$WORK/config.json" --port 0 >"$WORK/provider.out" 2>"$WORK/provider.err" &
PROVIDER_PID=$!
for _ in $(seq 1 100); do
  grep -q "serving the metadata provider" "$WORK/provider.out" 2>/dev/null && break
  sleep 0.1
done
cat "$WORK/provider.out"
PROVIDER_URL="$(grep -o 'http://[0-9.]*:[0-9]*' "$WORK/provider.out" | head -n1)"
[ -n "$PROVIDER_URL" ] || { echo "demo: the provider did not start:" >&2; cat "$WORK/provider.err" >&2; exit 1; }
# What a user does in Plex Web (Settings > Metadata Agents), here through the emulator's control API.
control POST providers '{"uri":"'"$PROVIDER_URL"'/movies"}' >/dev/null
control POST sections/1/agent '{"agent":"tv.plex.agents.custom.plexdriver.movies"}' >/dev/null
echo "registered $PROVIDER_URL/movies with the emulated Plex; the Movies library's agent is now it"
SICARIO="$MEDIA/movies/Sicario (2015)"
mkdir -p "$SICARIO"
: >"$SICARIO/Sicario (2015).mkv"
printf '\377\330\377\340 the manager'"'"'s Sicario poster \377\331' >"$SICARIO/poster.jpg"
cat >"$SICARIO/movie.nfo" <<'NFO'
<movie><title>Sicario</title><year>2015</year><plot>An idealistic FBI agent is enlisted by a task force.</plot>
<genre>Crime</genre><genre>Thriller</genre><director>Denis Villeneuve</director>
<actor><name>Emily Blunt</name><role>Kate Macer</role></actor><uniqueid type="tmdb" default="true">273481</uniqueid></movie>
NFO
control POST files '{"add":["/data/movies/Sicario (2015)/Sicario (2015).mkv"]}' >/dev/null
step host_stub provider-check --config config.json "media/movies/Sicario (2015)"
"$HOST_STUB" provider-check --driver "$DRIVER" --config "$WORK/config.json" "$SICARIO"
step host_stub sync --config config.json --kind added "media/movies/Sicario (2015)"
"$HOST_STUB" sync --driver "$DRIVER" --config "$WORK/config.json" --kind added "$SICARIO"
sed -i 's/An idealistic FBI agent is enlisted by a task force./The plot as the media manager has it now./' "$SICARIO/movie.nfo"
echo
echo "edited the plot in media/movies/Sicario (2015)/movie.nfo"
step host_stub sync --config config.json "media/movies/Sicario (2015)/movie.nfo"
"$HOST_STUB" sync --driver "$DRIVER" --config "$WORK/config.json" "$SICARIO/movie.nfo"
echo
echo "what the emulated Plex asked the provider (its access log):"
sed 's/^/  /' "$WORK/provider.err"

echo
echo "demo finished: the driver was loaded, negotiated the ABI, reached the emulated server, a"
echo "partial scan of exactly the new folder was requested and seen to finish, the new item was"
echo "confirmed in the library, new artwork was re-read by an item refresh (thumb before and after),"
echo "a poster was pushed and locked with the NFO's fields (Plex serves its bytes), a queued change"
echo "ended in its outcome event (with the host's id), a refresh was held back while someone"
echo "watched, naming who, and the metadata provider gave Plex a movie's NFO (its poster uploaded"
echo "and locked by the sync: Plex shows a provider's images through images.plex.tv, which cannot"
echo "reach a LAN provider; an edited plot was refreshed through it and confirmed in Plex)."
