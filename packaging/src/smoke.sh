#!/usr/bin/env bash
# Smoke tests on the packages build.sh made (run by ./go package after the build):
#   agent:   unpack the .deb into a temporary root; check its files, conffiles and minimal runtime;
#            `triage-agent --version` and `validate` on the shipped config; the service's start
#            script refuses an invalid config with a clear line and exit 2; then the start script
#            runs the agent (shipped config, ports moved) in front of a local upstream, a request
#            goes through it and the admin API answers with the token.
#   console: unpack the .deb; check Depends, desktop entry and icon; `triage --help`; against a lab
#            started from the lab jar: `triage --lab lab.json lb list`; when the runtime holds
#            JavaFX, `triage --lab lab.json --snapshot FILE` under Xvfb and check the PNG.
# Usage: smoke.sh PACKAGING_TARGET_DIR [LAB_JAR]
set -euo pipefail

out=$1
lab_jar=${2:-}
JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/triage-smoke.XXXXXX")
pids=()

cleanup() {
    local pid
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$tmp"
}
trap cleanup EXIT

fail() {
    echo "smoke: FAIL: $*" >&2
    exit 1
}
ok() { echo "smoke: ok: $*"; }

# Waits (at most $3 seconds, and while process $4 lives) for a line matching the extended regex $2
# in file $1, and prints it.
wait_for_line() {
    local file=$1 pattern=$2 limit=$3 pid=${4:-} i
    for ((i = 0; i < limit * 10; i++)); do
        if grep -E -m1 "$pattern" "$file" 2>/dev/null; then return 0; fi
        if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
        sleep 0.1
    done
    return 1
}

# A TCP port nothing listens on yet (random in 20000..59999; the caller retries on a race).
free_port() {
    local port i
    for ((i = 0; i < 50; i++)); do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
    done
    return 1
}

for tool in dpkg-deb curl; do
    command -v "$tool" >/dev/null || fail "$tool is needed (apt-get install -y dpkg curl)"
done

# ---------------------------------------------------------------------------------------------
# The agent
# ---------------------------------------------------------------------------------------------
agent_deb=$(ls "$out"/triage-agent_*.deb 2>/dev/null | head -1 || true)
if [ -n "$agent_deb" ]; then
    root=$tmp/agent-root
    dpkg-deb -x "$agent_deb" "$root"
    for file in usr/bin/triage-agent usr/lib/triage-agent/runtime/bin/java usr/lib/triage-agent/triage-agent.jar \
        usr/lib/triage-agent/triage-agent-service lib/systemd/system/triage-agent.service \
        etc/triage-agent/agent.json etc/default/triage-agent; do
        [ -e "$root/$file" ] || fail "agent .deb lacks /$file"
    done
    conffiles=$(dpkg-deb -I "$agent_deb" conffiles)
    for file in /etc/triage-agent/agent.json /etc/default/triage-agent; do
        grep -qx "$file" <<<"$conffiles" || fail "agent .deb: $file is not a conffile"
    done
    [ ! -e "$root/etc/triage-agent/admin-token" ] || fail "agent .deb ships an admin token (it must be generated at install)"
    modules=$("$root/usr/lib/triage-agent/runtime/bin/java" --list-modules | sed 's/@.*//')
    if grep -E -q '^(javafx\.|java\.desktop$)' <<<"$modules"; then fail "agent runtime holds JavaFX or java.desktop: $modules"; fi
    ok "agent .deb: files, conffiles, runtime modules $(paste -sd, <<<"$modules")"

    version=$("$root/usr/bin/triage-agent" --version)
    [[ $version == "triage-agent "* ]] || fail "triage-agent --version printed '$version'"
    valid=$("$root/usr/bin/triage-agent" validate --config "$root/etc/triage-agent/agent.json")
    [[ $valid == "valid: "* ]] || fail "shipped config does not validate: $valid"
    ok "triage-agent --version: $version; validate on the shipped config: $valid"

    # An invalid config: the service's start script names the file, lists the problem, exits 2.
    sed 's/"port": 8080/"port": 70000/' "$root/etc/triage-agent/agent.json" >"$tmp/bad.json"
    set +e
    TRIAGE_AGENT_CONFIG=$tmp/bad.json TRIAGE_AGENT_STATE_DIR=$tmp/bad-state \
        "$root/usr/lib/triage-agent/triage-agent-service" >"$tmp/bad.out" 2>&1
    status=$?
    set -e
    [ "$status" = 2 ] || fail "invalid config: start script exited $status (expected 2): $(cat "$tmp/bad.out")"
    grep -q "not starting: $tmp/bad.json is invalid" "$tmp/bad.out" || fail "invalid config: no clear line: $(cat "$tmp/bad.out")"
    grep -q "invalid config: listeners\[0\].port: 70000" "$tmp/bad.out" || fail "invalid config: problem not listed: $(cat "$tmp/bad.out")"
    ok "invalid config refused: $(head -2 "$tmp/bad.out" | tr '\n' ' ')"

    if command -v systemd-analyze >/dev/null; then
        # Offline check of the unit (no running systemd needed), with ExecStart pointing into the
        # unpacked root. verify only warns about values it cannot parse: any line naming the unit
        # counts as a failure.
        mkdir -p "$tmp/unit"
        sed "s|/usr/lib/triage-agent/|$root/usr/lib/triage-agent/|" "$root/lib/systemd/system/triage-agent.service" \
            >"$tmp/unit/triage-agent.service"
        if ! systemd-analyze verify "$tmp/unit/triage-agent.service" >"$tmp/verify.out" 2>&1 ||
            grep -q 'triage-agent' "$tmp/verify.out"; then
            cat "$tmp/verify.out" >&2
            fail "systemd-analyze verify rejected triage-agent.service"
        fi
        ok "systemd-analyze verify: unit accepted, no warnings"
    fi

    # A local upstream, then the agent on the shipped config with its ports moved.
    mkdir -p "$tmp/www"
    echo ok >"$tmp/www/health"
    echo "hello from the upstream" >"$tmp/www/hello.txt"
    "$JAVA_HOME/bin/jwebserver" -b 127.0.0.1 -p 0 -d "$tmp/www" >"$tmp/upstream.log" 2>&1 &
    pids+=($!)
    upstream_port=$(wait_for_line "$tmp/upstream.log" 'port [0-9]+' 20 "${pids[-1]}" | sed -E 's/.*port ([0-9]+).*/\1/') ||
        fail "upstream did not start: $(cat "$tmp/upstream.log")"
    od -An -tx1 -N32 /dev/urandom | tr -d ' \n' >"$tmp/admin-token"
    chmod 600 "$tmp/admin-token"
    admin_port=""
    for attempt in 1 2 3; do
        port=$(free_port) || fail "no free port"
        sed -e "s/\"port\": 8080/\"port\": $port/" -e "s/\"port\": 9000/\"port\": $upstream_port/" \
            -e 's/"bindAddress": "0.0.0.0"/"bindAddress": "127.0.0.1"/' \
            "$root/etc/triage-agent/agent.json" >"$tmp/agent.json"
        TRIAGE_AGENT_CONFIG=$tmp/agent.json TRIAGE_AGENT_STATE_DIR=$tmp/state TRIAGE_AGENT_TOKEN_FILE=$tmp/admin-token \
            TRIAGE_AGENT_ADMIN_PORT=0 "$root/usr/lib/triage-agent/triage-agent-service" >"$tmp/agent.log" 2>&1 &
        agent_pid=$!
        if admin_port=$(wait_for_line "$tmp/agent.log" 'admin on http://127.0.0.1:[0-9]+' 60 "$agent_pid" |
            sed -E 's/.*:([0-9]+)$/\1/'); then
            pids+=("$agent_pid")
            break
        fi
        wait "$agent_pid" 2>/dev/null || true
        echo "smoke: agent attempt $attempt on port $port did not start: $(tail -3 "$tmp/agent.log")"
        admin_port=""
    done
    [ -n "$admin_port" ] || fail "agent did not start: $(cat "$tmp/agent.log")"
    body=$(curl -sS --max-time 30 -u dr.alvarez:dr.alvarez-pass -D "$tmp/headers" "http://127.0.0.1:$port/hello.txt") ||
        fail "request through the agent failed: $(cat "$tmp/agent.log")"
    [ "$body" = "hello from the upstream" ] || fail "through the agent: got '$body'"
    grep -qi '^x-request-id:' "$tmp/headers" || fail "through the agent: no X-Request-Id: $(cat "$tmp/headers")"
    refused=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "http://127.0.0.1:$port/hello.txt")
    [ "$refused" -ge 400 ] && [ "$refused" -lt 500 ] || fail "a request without Basic auth got $refused (the HOSP policy's gate)"
    status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H "Authorization: Bearer $(cat "$tmp/admin-token")" \
        "http://127.0.0.1:$admin_port/admin/status")
    [ "$status" = 200 ] || fail "admin status with the token: $status"
    status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:$admin_port/admin/status")
    [ "$status" = 401 ] || fail "admin status without the token: $status (expected 401)"
    ok "agent from the unpacked .deb proxied GET /hello.txt to 127.0.0.1:$upstream_port (gate refused $refused without auth; admin API 200 with the token, 401 without)"
    kill "$agent_pid"
    set +e
    wait "$agent_pid"
    status=$?
    set -e
    [ "$status" = 143 ] || [ "$status" = 0 ] || fail "agent exit status on SIGTERM: $status"
    ok "agent stopped on SIGTERM (exit $status, the unit's SuccessExitStatus)"
    [ -s "$tmp/state/config.json" ] || fail "the agent did not keep its config in the state directory"

    # TRIAGE_AGENT_BOOT_FROM=file: the stored config is dropped and the (here invalid) file wins.
    set +e
    TRIAGE_AGENT_BOOT_FROM=file TRIAGE_AGENT_CONFIG=$tmp/bad.json TRIAGE_AGENT_STATE_DIR=$tmp/state \
        TRIAGE_AGENT_TOKEN_FILE=$tmp/admin-token "$root/usr/lib/triage-agent/triage-agent-service" >"$tmp/file.out" 2>&1
    status=$?
    set -e
    [ "$status" = 2 ] && grep -q "not starting: $tmp/bad.json is invalid" "$tmp/file.out" ||
        fail "TRIAGE_AGENT_BOOT_FROM=file did not boot from the file (exit $status): $(cat "$tmp/file.out")"
    ok "TRIAGE_AGENT_BOOT_FROM=file: the stored config was dropped and the file read (invalid here: exit 2)"
else
    echo "smoke: no agent .deb in $out (not built on this system)"
fi

# ---------------------------------------------------------------------------------------------
# The console
# ---------------------------------------------------------------------------------------------
console_deb=$(ls "$out"/triage_*.deb 2>/dev/null | head -1 || true)
[ -n "$console_deb" ] || fail "no console .deb in $out"
depends=$(dpkg-deb -f "$console_deb" Depends)
for dep in libgtk-3-0 libgl1; do
    grep -q "$dep" <<<"$depends" || fail "console .deb: Depends lacks $dep: $depends"
done
root=$tmp/console-root
dpkg-deb -x "$console_deb" "$root"
launcher=$root/opt/triage/bin/triage
[ -x "$launcher" ] || fail "console .deb lacks /opt/triage/bin/triage"
desktop=$(find "$root/opt/triage" -type f -name '*.desktop' | head -1)
[ -n "$desktop" ] || fail "console .deb has no desktop entry"
grep -q '^Exec=/opt/triage/bin/triage' "$desktop" || fail "desktop entry does not start the launcher: $(cat "$desktop")"
icon=$(sed -n 's/^Icon=//p' "$desktop")
[ -f "$root$icon" ] || fail "desktop entry's icon $icon is not in the package"
grep -q 'ln -sf /opt/triage/bin/triage /usr/bin/triage' <(dpkg-deb -I "$console_deb" postinst) ||
    fail "console postinst does not put triage on the PATH"
ok "console .deb: Depends ($depends), launcher, desktop entry $(basename "$desktop"), icon $icon"

# The console keeps settings in ~/.triage: a temporary home keeps the builder's own out of it.
export HOME=$tmp/home
mkdir -p "$HOME"
help=$("$launcher" --help 2>&1) || fail "triage --help failed: $help"
grep -q 'Usage: triage' <<<"$help" || fail "triage --help printed: $help"
ok "triage --help from the unpacked app"

has_javafx=false
if "$root/opt/triage/lib/runtime/bin/java" --list-modules | grep -q '^javafx.graphics@'; then has_javafx=true; fi

if [ -n "$lab_jar" ] && [ -f "$lab_jar" ]; then
    # The lab on a free block of ports (it takes port-base .. port-base+22 and an LB port).
    started=false
    for attempt in 1 2 3; do
        base=$((20000 + (RANDOM % 400) * 100))
        rm -f "$tmp/lab.json"
        "$JAVA_HOME/bin/java" -jar "$lab_jar" up --describe "$tmp/lab.json" --port-base "$base" \
            --lb-port $((base + 50)) --time-scale 0.05 >"$tmp/lab.log" 2>&1 &
        lab_pid=$!
        for ((i = 0; i < 300; i++)); do
            if [ -s "$tmp/lab.json" ]; then started=true; break; fi
            kill -0 "$lab_pid" 2>/dev/null || break
            sleep 0.1
        done
        if [ "$started" = true ]; then pids+=("$lab_pid"); break; fi
        kill "$lab_pid" 2>/dev/null || true
        wait "$lab_pid" 2>/dev/null || true
        echo "smoke: lab attempt $attempt on port base $base did not start: $(tail -2 "$tmp/lab.log")"
    done
    [ "$started" = true ] || fail "the lab did not start"
    sleep 1 # the describe file is written whole; give the agents' admin listeners their first second
    list=$(timeout 60 "$launcher" --lab "$tmp/lab.json" --journal "$tmp/journal.jsonl" lb list 2>&1) ||
        fail "triage --lab lab.json lb list failed: $list"
    grep -q 'legacy' <<<"$list" || fail "triage lb list does not show the lab's target groups: $list"
    ok "triage --lab lab.json lb list from the unpacked app: $(wc -l <<<"$list") lines"

    if [ "$has_javafx" = true ]; then
        command -v xvfb-run >/dev/null || fail "xvfb-run is needed for the console's snapshot (apt-get install -y xvfb)"
        snapshot=$tmp/console.png
        timeout 180 xvfb-run -a -s "-screen 0 1600x1000x24" "$launcher" --lab "$tmp/lab.json" \
            --journal "$tmp/journal.jsonl" --snapshot "$snapshot" >"$tmp/console.log" 2>&1 ||
            fail "triage --snapshot failed: $(tail -20 "$tmp/console.log")"
        [ -s "$snapshot" ] || fail "triage --snapshot wrote no file: $(tail -20 "$tmp/console.log")"
        signature=$(od -An -tx1 -N8 "$snapshot" | tr -d ' \n')
        [ "$signature" = 89504e470d0a1a0a ] || fail "snapshot is not a PNG (starts with $signature)"
        width=$((16#$(od -An -tx1 -j16 -N4 "$snapshot" | tr -d ' \n')))
        height=$((16#$(od -An -tx1 -j20 -N4 "$snapshot" | tr -d ' \n')))
        [ "$width" -ge 800 ] && [ "$height" -ge 500 ] || fail "snapshot is ${width}x${height}"
        [ ! -e "$HOME/.openjfx" ] || fail "JavaFX unpacked its natives into ~/.openjfx (they belong in the runtime)"
        mkdir -p "$out/smoke"
        cp "$snapshot" "$out/smoke/console-snapshot.png"
        ok "triage --snapshot under Xvfb: JavaFX natives from the runtime, ${width}x${height} PNG, $(du -k "$snapshot" | cut -f1) KiB (copied to $out/smoke/console-snapshot.png)"
    fi
else
    echo "smoke: no lab jar given: skipping the console's runs against the lab"
fi
if [ "$has_javafx" = false ]; then
    echo "smoke: the console has no JavaFX modules yet: no --snapshot to run"
fi
echo "smoke: all passed"
