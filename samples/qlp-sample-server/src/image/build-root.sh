#!/usr/bin/env bash
# Builds the root file system that Jib lays over `scratch` for the qlp-sample-server image (profile `image`):
#   /opt/java          a jlink runtime of the build JDK, with jdk.compiler (the validator compiles in process)
#   /usr/bin/{unshare,setpriv,prlimit,true}   the validation sandbox's tools (it probes them by running `true`)
#   the shared libraries all of these load (found with ldd), the dynamic loader executable
#   /etc/passwd, /etc/group with user qlp (10001), /etc/ssl/certs (CA certificates), /tmp, /var/lib/qlp
# Usage: build-root.sh OUTPUT_DIR JAVA_HOME
# OUTPUT_DIR is emptied first, so anything not ending in target/image-root is refused.
set -euo pipefail

out="${1:-}"
java_home="${2:-}"
case "$out" in
  */target/image-root) ;;
  *) echo "build-root.sh: refusing output folder '$out': it must end in target/image-root" >&2; exit 2 ;;
esac
if [ ! -x "$java_home/bin/jlink" ] || [ ! -d "$java_home/jmods" ]; then
  echo "build-root.sh: '$java_home' is not a JDK with jlink and jmods" >&2
  exit 2
fi

# What the server, worker and CLI use (Spring needs java.desktop for java.beans, java.naming, java.sql, java.management,
# java.instrument; Netty and gRPC jdk.unsupported; TLS the crypto providers), plus what capsules' tests commonly need.
modules=java.base,java.compiler,jdk.compiler,java.desktop,java.instrument,java.logging,java.management,\
java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,\
java.transaction.xa,java.xml,java.xml.crypto,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.httpserver,jdk.jfr,\
jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs,jdk.localedata,jdk.charsets

rm -rf -- "$out"
mkdir -p -- "$out"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
  --output "$out/opt/java"
# The runtime's trust store: the system's Java CA bundle (a link on Debian, so copy what it points to).
if [ -e /etc/ssl/certs/java/cacerts ]; then
  cp -L /etc/ssl/certs/java/cacerts "$out/opt/java/lib/security/cacerts"
fi

mkdir -p "$out/usr/bin"
for tool in unshare setpriv prlimit true; do
  cp -L "/usr/bin/$tool" "$out/usr/bin/$tool"
  chmod 755 "$out/usr/bin/$tool"
done

# Every shared library of every ELF file in the tree, at the path ldd resolved it to. Libraries ldd cannot find
# belong to parts the server never loads (AWT's X11 front end on a headless build JDK).
copy_library() {
  local lib="$1"
  case "$lib" in "$out"/*) return 0 ;; esac   # the runtime's own libraries, found through $ORIGIN
  [ -e "$out$lib" ] && return 0
  mkdir -p "$out$(dirname "$lib")"
  cp -L "$lib" "$out$lib"
}
while IFS= read -r -d '' file; do
  head -c 4 "$file" | grep -q 'ELF' || continue
  while IFS= read -r line; do
    case "$line" in
      *"=> not found"*)
        # libjvm.so and friends are loaded by the JVM from its own lib folder, which ldd does not search.
        if [ -z "$(find "$out/opt/java/lib" -name "${line%% *}" -print -quit)" ]; then
          echo "build-root.sh: note: $(basename "$file") wants ${line%% *}, not on this machine" >&2
        fi ;;
      *"=> /"*) lib="${line#*=> }"; copy_library "${lib%% (*}" ;;
      /*) copy_library "${line%% (*}" ;;
    esac
  done < <(ldd "$file" 2>/dev/null | sed 's/^[[:space:]]*//' || true)
done < <(find "$out/opt/java" "$out/usr/bin" -type f -print0)
# The dynamic loader is executed as the programs' interpreter: it must stay executable.
find "$out" -name 'ld-linux*' -type f -exec chmod 755 {} +

mkdir -p "$out/etc/ssl/certs"
cp -L /etc/ssl/certs/ca-certificates.crt "$out/etc/ssl/certs/ca-certificates.crt"
cat > "$out/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
qlp:x:10001:10001:qlp:/var/lib/qlp:/sbin/nologin
PASSWD
cat > "$out/etc/group" <<'GROUP'
root:x:0:
qlp:x:10001:
GROUP
printf 'hosts: files dns\n' > "$out/etc/nsswitch.conf"
mkdir -p "$out/tmp" "$out/var/lib/qlp" "$out/proc" "$out/dev"
echo "build-root.sh: $(du -sh "$out" | cut -f1) in $out"
