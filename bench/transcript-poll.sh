#!/usr/bin/env bash
# Benchmark: throughput of the transcript delta poll (nothing new) against a trivial endpoint
# (GET /api/auth/me) in the same server, at a short and a longer history. Prints figures; gates
# nothing. Needs the built jar (mvn -B -q -DskipTests package), curl, jq and wrk (installed from
# Debian's packages if missing). Runs only against a server it starts itself on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/knoq-server-0.1.0-SNAPSHOT.jar
[ -f "$JAR" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 1; }
command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null; }
PORT=${PORT:-18181}
BASE=http://localhost:$PORT
DATA=$(mktemp -d)
KNOQ_PORT=$PORT KNOQ_DATA_DIR=$DATA KNOQ_EMBEDDED_LATENCY_MS=0 \
  KNOQ_ADMIN_EMAIL=bench@example.com KNOQ_ADMIN_PASSWORD='bench password 123' \
  java -Xmx512m -jar "$JAR" > "$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$DATA"' EXIT
START=$(date +%s%N)
until curl -s -o /dev/null "$BASE/api/auth/me"; do sleep 0.05; done
echo "start-up to first answered request: $(( ($(date +%s%N) - START) / 1000000 )) ms"

COOKIE=$(curl -s -D - -o /dev/null -H "Origin: $BASE" -H 'Content-Type: application/json' \
  -d '{"email":"bench@example.com","password":"bench password 123"}' "$BASE/api/auth/sign-in" \
  | sed -n 's/^Set-Cookie: knoq_session=\([^;]*\).*/\1/ip')
post() { curl -s -H "Cookie: knoq_session=$COOKIE" -H "Origin: $BASE" -H 'Content-Type: application/json' -d "$2" "$BASE$1"; }
SESSION=$(post /api/managed-agents/session '{"text":"What is 12*7?"}' | jq -r .id)
idle() { until curl -s -H "Cookie: knoq_session=$COOKIE" "$BASE/api/managed-agents/transcript?sessionId=$SESSION" | jq -e '.workflowRunId == null' >/dev/null; do sleep 0.1; done; }
last() { curl -s -H "Cookie: knoq_session=$COOKIE" "$BASE/api/managed-agents/transcript?sessionId=$SESSION" | jq -r '.events[-1].id'; }

measure() {
  local label=$1 path=$2
  local rps
  rps=$(wrk -t2 -c16 -d8s -H "Cookie: knoq_session=$COOKIE" "$BASE$path" | awk '/Requests\/sec/ {print $2}')
  printf '%-44s %10s req/s\n' "$label" "$rps" >&2
  echo "$rps"
}

count() { curl -s -H "Cookie: knoq_session=$COOKIE" "$BASE/api/managed-agents/transcript?sessionId=$SESSION" | jq '.events | length'; }

round() {
  idle
  local events cursor
  events=$(count)
  cursor=$(last)
  # warm-up of both paths, so the JIT has compiled them before anything is measured
  wrk -t2 -c16 -d4s -H "Cookie: knoq_session=$COOKIE" "$BASE/api/auth/me" >/dev/null
  wrk -t2 -c16 -d4s -H "Cookie: knoq_session=$COOKIE" \
    "$BASE/api/managed-agents/transcript?sessionId=$SESSION&sinceEventId=$cursor" >/dev/null
  me=$(measure "GET /api/auth/me (trivial)" "/api/auth/me" | tail -1)
  poll=$(measure "transcript delta poll, $events events" "/api/managed-agents/transcript?sessionId=$SESSION&sinceEventId=$cursor" | tail -1)
  awk -v p="$poll" -v m="$me" 'BEGIN { printf "delta poll / trivial endpoint: %.0f%%\n", 100 * p / m }'
}

round
for i in $(seq 1 55); do post /api/managed-agents/message "{\"sessionId\":\"$SESSION\",\"text\":\"What is $i*$i?\"}" >/dev/null; done
round
