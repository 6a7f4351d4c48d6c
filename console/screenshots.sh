#!/usr/bin/env bash
# Regenerates screenshots/ (one PNG per console screen, 1440x900) from a live lab:
#   ./mvnw -B -q -pl console -am package -DskipTests && console/screenshots.sh
# Needs a display, or xvfb-run (apt-get install -y xvfb libgtk-3-0). The lab runs on ports
# 18080 and 19000..19022 for a minute, with staff traffic; a 10% shift to the replacement is
# made through the command line first, so the traffic screen shows a change in its history.
# LB_PORT and PORT_BASE move the lab's ports; SCREENS="fleet tls" renders only those screens.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
JAR=console/target/triage.jar
OUT=screenshots
WORK="$(mktemp -d)"
RUN=()
if [ -z "${DISPLAY:-}" ]; then RUN=(xvfb-run -a -s "-screen 0 1600x1000x24"); fi

"$JAVA" -cp "$JAR" dev.triage.lab.LabMain up --lb-port "${LB_PORT:-18080}" --port-base "${PORT_BASE:-19000}" --rate 6 \
  --describe "$WORK/lab.json" > "$WORK/lab.log" 2>&1 &
LAB=$!
trap 'kill $LAB 2>/dev/null || true; wait $LAB 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 60); do [ -s "$WORK/lab.json" ] && break; sleep 1; done
[ -s "$WORK/lab.json" ] || { echo "the lab did not start; see $WORK/lab.log" >&2; exit 1; }

"$JAVA" -jar "$JAR" --lab "$WORK/lab.json" --journal "$WORK/journal.jsonl" shift \
  --rule lab:rule/edge/all --weight legacy=90 --weight replacement=10 --yes \
  --reason "screenshots: first 10% to the replacement"

mkdir -p "$OUT"
for screen in ${SCREENS:-overview traffic fleet tls security}; do
  "${RUN[@]}" "$JAVA" -Dtriage.home="$WORK/home" -Dtriage.snapshot.readings=45 -jar "$JAR" \
    --lab "$WORK/lab.json" --journal "$WORK/journal.jsonl" --screen "$screen" --snapshot "$OUT/$screen.png"
done
