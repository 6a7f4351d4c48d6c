#!/usr/bin/env bash
# Builds Triage's installers from the jars the reactor just built. Run by
#   ./go package        (= ./mvnw -B -Ppackage -pl packaging -am package -DskipTests)
# which passes every option below; see packaging/README.md for running it by hand on other systems.
#
#   --version V          project version (0.1.0-SNAPSHOT)
#   --out DIR            packaging/target
#   --agent-jar FILE     the shaded agent jar (proxy-agent's triage-agent.jar)
#   --agent-config FILE  the agent's default config (docs/examples/hosp-agent.json)
#   --console-lib DIR    the console's jar and its runtime dependencies, JavaFX excluded
#   --javafx-dir DIR     the org.openjfx jars the console depends on (may hold none)
#   --console-main-jar N the console's own jar inside --console-lib
#   --console-main-class C
#   --console-types "T…" jpackage types for the console (default by system: linux "app-image deb",
#                        mac "app-image dmg", windows "app-image msi"; "rpm" on RPM-based Linux)
#   --skip-agent         do not build the agent .deb (other systems than Debian-like Linux)
#
# Outputs in --out: triage-agent_<version>_<arch>.deb, console/triage (the app image),
# triage_<version>_<arch>.deb (or .rpm/.dmg/.msi), sizes.txt.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
version="" out="" agent_jar="" agent_config="" console_lib="" javafx_dir="" console_main_jar=""
console_main_class="" console_types="" skip_agent=false
while [ $# -gt 0 ]; do
    case "$1" in
        --version) version=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        --agent-jar) agent_jar=$2; shift 2 ;;
        --agent-config) agent_config=$2; shift 2 ;;
        --console-lib) console_lib=$2; shift 2 ;;
        --javafx-dir) javafx_dir=$2; shift 2 ;;
        --console-main-jar) console_main_jar=$2; shift 2 ;;
        --console-main-class) console_main_class=$2; shift 2 ;;
        --console-types) console_types=$2; shift 2 ;;
        --console-types=*) console_types=${1#--console-types=}; shift ;;
        --skip-agent) skip_agent=true; shift ;;
        *) echo "build.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
for required in version out console_lib console_main_jar console_main_class; do
    if [ -z "${!required}" ]; then echo "build.sh: --${required//_/-} is required" >&2; exit 2; fi
done

JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
jdk=$JAVA_HOME/bin
case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=mac ;;
    MINGW*|MSYS*|CYGWIN*) os=windows ;;
    *) os=unknown ;;
esac
if [ -z "$console_types" ]; then
    case "$os" in
        linux) console_types="app-image deb" ;;
        mac) console_types="app-image dmg" ;;
        windows) console_types="app-image msi" ;;
        *) console_types="app-image" ;;
    esac
fi
if [ "$os" != linux ]; then skip_agent=true; fi
if [ "$skip_agent" = false ] && ! command -v dpkg-deb >/dev/null; then
    echo "package: no dpkg-deb here: the agent's .deb is not built (apt-get install dpkg on Debian-like systems)"
    skip_agent=true
fi

# Versions: Debian sorts 0.1.0~SNAPSHOT before 0.1.0; jpackage wants numbers only (macOS and
# Windows insist), so the console's package version is the numeric part.
deb_version=${version/-/\~}
numeric_version=${version%%-*}
arch=$( (command -v dpkg >/dev/null && dpkg --print-architecture) || uname -m)

log() { printf 'package: [%3ss] %s\n' "$SECONDS" "$*"; }

# Modules a set of class trees needs, by jdeps. Jars are unpacked first and their module-info
# classes dropped, so every jar counts as class-path code (shaded and multi-release jars carry
# module descriptors of the libraries they hold; jdeps would then insist on resolving those).
jdeps_modules() {
    local work=$1; shift
    rm -rf "$work"; mkdir -p "$work"
    local jar n=0
    for jar in "$@"; do
        n=$((n + 1))
        mkdir -p "$work/$n"
        (cd "$work/$n" && "$jdk/jar" xf "$jar")
        find "$work/$n" -name module-info.class -delete
    done
    "$jdk/jdeps" --ignore-missing-deps --print-module-deps "$work"/* | tail -1
}

# Drops modules from a comma-separated list.
without() {
    local list=$1; shift
    local drop
    for drop in "$@"; do list=$(printf '%s' ",$list," | sed "s/,$drop,/,/g; s/^,//; s/,$//"); done
    printf '%s' "$list"
}

# Debian Depends for the native code under a directory: the packages owning the shared libraries
# it links (what dpkg-shlibdeps would find), without version constraints.
deb_depends() {
    local dir=$1
    find "$dir" -type f \( -name '*.so' -o -perm -u+x \) -print0 |
        xargs -0 -r ldd 2>/dev/null | awk '/=> \//{print $3}' | sort -u |
        while read -r lib; do dpkg -S "$(readlink -f "$lib")" 2>/dev/null || dpkg -S "$lib" 2>/dev/null || true; done |
        cut -d: -f1 | sort -u | paste -sd, - | sed 's/,/, /g'
}

mkdir -p "$out"
: >"$out/sizes.txt"

# ---------------------------------------------------------------------------------------------
# The agent: a .deb with its own minimal runtime, a launcher and a hardened systemd service.
# ---------------------------------------------------------------------------------------------
if [ "$skip_agent" = false ]; then
    for required in agent_jar agent_config; do
        if [ -z "${!required}" ]; then echo "build.sh: --${required//_/-} is required" >&2; exit 2; fi
    done
    agent_work=$out/agent
    stage=$agent_work/root
    rm -rf "$agent_work"; mkdir -p "$agent_work"
    modules=$(jdeps_modules "$agent_work/jdeps" "$agent_jar")
    # Jackson declares java.desktop (java.beans annotations) and java.sql (java.sql dates) as
    # `requires static`: optional, used only when present. The agent needs neither; the smoke
    # test runs the agent on this runtime (config parsing, proxying, admin API).
    modules=$(without "$modules" java.desktop java.sql)
    log "agent runtime modules: $modules"
    "$jdk/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
        --compress zip-9 --output "$stage/usr/lib/triage-agent/runtime"
    install -m 0644 "$agent_jar" "$stage/usr/lib/triage-agent/triage-agent.jar"
    install -m 0755 "$here/agent/triage-agent-service" "$stage/usr/lib/triage-agent/triage-agent-service"
    install -D -m 0755 "$here/agent/triage-agent" "$stage/usr/bin/triage-agent"
    install -D -m 0644 "$here/agent/triage-agent.service" "$stage/lib/systemd/system/triage-agent.service"
    install -D -m 0644 "$agent_config" "$stage/etc/triage-agent/agent.json"
    install -D -m 0644 "$here/agent/triage-agent.default" "$stage/etc/default/triage-agent"
    install -D -m 0644 "$here/agent/README" "$stage/usr/share/doc/triage-agent/README"
    install -D -m 0644 "$here/agent/copyright" "$stage/usr/share/doc/triage-agent/copyright"
    mkdir -p "$stage/DEBIAN"
    install -m 0755 "$here/agent/debian/postinst" "$here/agent/debian/prerm" "$here/agent/debian/postrm" "$stage/DEBIAN/"
    install -m 0644 "$here/agent/debian/conffiles" "$stage/DEBIAN/conffiles"
    depends=$(deb_depends "$stage/usr/lib/triage-agent/runtime")
    depends="adduser${depends:+, $depends}"
    installed_size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
    sed -e "s/@VERSION@/$deb_version/" -e "s/@ARCH@/$arch/" -e "s/@INSTALLED_SIZE@/$installed_size/" \
        -e "s/@DEPENDS@/$depends/" "$here/agent/debian/control.in" >"$stage/DEBIAN/control"
    find "$stage" -type d -exec chmod 0755 {} +
    agent_deb=$out/triage-agent_${deb_version}_${arch}.deb
    dpkg-deb --root-owner-group -Zxz --build "$stage" "$agent_deb" >/dev/null
    log "built $agent_deb (Depends: $depends)"
    printf 'triage-agent .deb\t%s\t%s\tinstalled %s KiB\n' "$(basename "$agent_deb")" "$(du -k "$agent_deb" | cut -f1) KiB" "$installed_size" >>"$out/sizes.txt"
fi

# ---------------------------------------------------------------------------------------------
# The console: a jlinked runtime (with the JavaFX modules the console depends on), a jpackage app
# image with the launcher `triage`, then the system's package.
# ---------------------------------------------------------------------------------------------
console_work=$out/console
rm -rf "$console_work"; mkdir -p "$console_work"
fx_jars=()
if [ -n "$javafx_dir" ] && [ -d "$javafx_dir" ]; then
    # Maven brings each JavaFX module twice: an empty jar and the platform's jar (classifier
    # linux, mac, win...). jlink takes the platform jars, which hold the classes and natives.
    while IFS= read -r -d '' jar; do fx_jars+=("$jar"); done < <(find "$javafx_dir" -name 'javafx-*-*-*.jar' -print0 | sort -z)
fi
fx_modules=""
for jar in "${fx_jars[@]}"; do
    module=$("$jdk/jar" --describe-module --file "$jar" | head -1 | sed 's/@.*//; s/ .*//')
    fx_modules="${fx_modules:+$fx_modules,}$module"
done
console_jars=("$console_lib"/*.jar)
modules=$(jdeps_modules "$console_work/jdeps" "${console_jars[@]}")
# Jackson's optional java.sql stays (the AWS SDK and others use it); java.desktop too (JavaFX
# Swing interop and AWT image I/O for snapshots). Nothing to drop here.
modules="$modules${fx_modules:+,$fx_modules}"
log "console runtime modules: $modules"
fx_path=()
if [ ${#fx_jars[@]} -gt 0 ]; then
    # JavaFX's jars carry their native libraries at the jar root; left in the modules, JavaFX
    # unpacks them into ~/.openjfx/cache at every first start. Linked like the JavaFX jmods do
    # instead: out of the modules, into the runtime's native directory, where it loads them from.
    fx_path=(--module-path "$(IFS=:; echo "${fx_jars[*]}")" --exclude-resources 'glob:/javafx.*/*.so,glob:/javafx.*/*.dylib,glob:/javafx.*/*.dll')
fi
"$jdk/jlink" "${fx_path[@]}" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
    --compress zip-9 --output "$console_work/runtime"
native_dir=$console_work/runtime/lib
[ "$os" = windows ] && native_dir=$console_work/runtime/bin
for jar in "${fx_jars[@]}"; do
    natives=$("$jdk/jar" tf "$jar" | grep -E '^[^/]+\.(so|dylib|dll)$' || true)
    # shellcheck disable=SC2086 # one word per file name
    [ -z "$natives" ] || (cd "$native_dir" && "$jdk/jar" xf "$jar" $natives)
done

# JVM options: always the common ones; with JavaFX, the ones JavaFX and ControlsFX need
# (console/javafx.java-options, one per line).
java_options=()
while IFS= read -r line; do
    case "$line" in ''|'#'*) ;; *) java_options+=(--java-options "$line") ;; esac
done <"$here/console/common.java-options"
if [ -n "$fx_modules" ]; then
    while IFS= read -r line; do
        case "$line" in ''|'#'*) ;; *) java_options+=(--java-options "$line") ;; esac
    done <"$here/console/javafx.java-options"
    log "console: JavaFX modules $fx_modules"
else
    log "console: no JavaFX modules among the console's dependencies: the command line only"
fi

case "$os" in
    mac) icon=$here/console/icon/triage.icns ;;
    windows) icon=$here/console/icon/triage.ico ;;
    *) icon=$here/console/icon/triage.png ;;
esac
image_args=()
[ -s "$here/console/jpackage/app-image-$os.args" ] && image_args+=(@"$here/console/jpackage/app-image-$os.args")
"$jdk/jpackage" --type app-image --name triage --app-version "$numeric_version" \
    --input "$console_lib" --main-jar "$console_main_jar" --main-class "$console_main_class" \
    --runtime-image "$console_work/runtime" "${java_options[@]}" --icon "$icon" \
    @"$here/console/jpackage/common.args" "${image_args[@]}" \
    --dest "$console_work" --temp "$console_work/tmp-app-image"
app_image=$console_work/triage
[ "$os" = mac ] && app_image=$console_work/triage.app
log "built app image $app_image ($(du -sk "$app_image" | cut -f1) KiB)"
printf 'triage app image\t%s\t%s\n' "console/$(basename "$app_image")" "$(du -sk "$app_image" | cut -f1) KiB" >>"$out/sizes.txt"

for type in $console_types; do
    [ "$type" = app-image ] && continue
    platform_args=$here/console/jpackage/$type.args
    resources=$here/console/jpackage/resources-$type
    extra=()
    [ -d "$resources" ] && extra+=(--resource-dir "$resources")
    "$jdk/jpackage" --type "$type" --name triage --app-version "$numeric_version" \
        --app-image "$app_image" --icon "$icon" \
        @"$here/console/jpackage/common.args" @"$platform_args" "${extra[@]}" \
        --dest "$out" --temp "$console_work/tmp-$type"
    package=$(ls -t "$out"/triage[_-]*."$type" 2>/dev/null | head -1)
    log "built $package"
    printf 'triage .%s\t%s\t%s\n' "$type" "$(basename "$package")" "$(du -k "$package" | cut -f1) KiB" >>"$out/sizes.txt"
done

log "sizes:"
column -t -s $'\t' "$out/sizes.txt" 2>/dev/null || cat "$out/sizes.txt"
