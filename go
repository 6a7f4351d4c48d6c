#!/usr/bin/env bash
# The two commands a newcomer needs (README.md):
#   ./go run    build, then open the console on an embedded lab (HOSP, agents, staff traffic)
#   ./go test   build and run every test (what CI runs)
#   ./go demo   build, then start HOSP with one agent in front, no window (for a terminal only)
#   ./go package  build the installers (agent .deb, console app image and .deb) and smoke-test them
#                 (packaging/README.md); tests of the other modules are skipped here: ./go test runs them
# Both use JDK 25: the default java when it is 25 or newer, otherwise one found under /usr/lib/jvm
# or JAVA_HOME. Maven comes from the Maven Wrapper (./mvnw), nothing else to install by hand.
set -euo pipefail
cd "$(dirname "$0")"

java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1; }

select_jdk() {
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge 25 ]; then return; fi
    if command -v java >/dev/null && [ "$(java_major java)" -ge 25 ]; then
        JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"; export JAVA_HOME; return
    fi
    for candidate in /usr/lib/jvm/*25* /usr/lib/jvm/*; do
        if [ -x "$candidate/bin/java" ] && [ "$(java_major "$candidate/bin/java")" -ge 25 ]; then
            export JAVA_HOME="$candidate"; return
        fi
    done
    echo "go: JDK 25 or newer is needed (found: $(java -version 2>&1 | head -1)); install one or set JAVA_HOME" >&2
    exit 1
}

select_jdk
export PATH="$JAVA_HOME/bin:$PATH"
command="${1:-}"
shift || true
case "$command" in
    test) exec ./mvnw -B verify "$@" ;;
    run)
        ./mvnw -B -q package -DskipTests -Dspotless.check.skip=true
        if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
            echo "go: no display (DISPLAY and WAYLAND_DISPLAY are unset), so the console cannot open a window." >&2
            echo "go: run it under a virtual display: xvfb-run -a ./go run   (apt-get install -y xvfb libgtk-3-0)" >&2
            echo "go: or, terminal only: ./go demo   (HOSP with an agent in front), ./go lab   (the whole lab)" >&2
            exit 1
        fi
        exec java -jar console/target/triage.jar "$@" ;;
    demo)
        ./mvnw -B -q package -DskipTests -Dspotless.check.skip=true
        exec java -jar lab/target/triage-lab.jar demo "$@" ;;
    lab)
        ./mvnw -B -q package -DskipTests -Dspotless.check.skip=true
        exec java -jar lab/target/triage-lab.jar up "$@" ;;
    package)
        if command -v dpkg >/dev/null; then
            missing=""
            for tool in dpkg-deb fakeroot curl xvfb-run; do command -v "$tool" >/dev/null || missing="$missing $tool"; done
            if [ -n "$missing" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
                echo "go: installing what ./go package needs:$missing" >&2
                apt-get update -qq
                apt-get install -y -qq --no-install-recommends fakeroot curl xvfb xauth libgtk-3-0 libgl1
                missing=""
            fi
            if [ -n "$missing" ]; then
                echo "go: ./go package needs:$missing. On Debian/Ubuntu:" >&2
                echo "  sudo apt-get install -y --no-install-recommends fakeroot curl xvfb xauth libgtk-3-0 libgl1" >&2
                exit 1
            fi
        fi
        exec ./mvnw -B -Ppackage -pl packaging -am package -DskipTests -Dspotless.check.skip=true "$@" ;;
    *) echo "usage: ./go run | ./go test [maven options] | ./go demo | ./go lab [--describe FILE] | ./go package [maven options]" >&2; exit 2 ;;
esac
