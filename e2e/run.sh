#!/usr/bin/env bash
# End to end: the extension, installed to the local Maven repository, used by a separate Quarkus application
# against a FastAPI/uvicorn service on a free loopback port, which hands out SigV4 presigned URLs of S3Proxy (a real
# S3 API, in memory, in its own JVM). Needs Debian's python3-fastapi and python3-uvicorn (installed here when missing
# and apt-get is usable) and the extension installed (`./mvnw install`); S3Proxy's jar is copied from Maven Central
# to e2e/target/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
python=/usr/bin/python3
s3proxy_version=2.6.0 # as in integration-tests/pom.xml
s3proxy_jar="$here/target/s3proxy-$s3proxy_version-jar-with-dependencies.jar"

if ! "$python" -c 'import fastapi, uvicorn' 2>/dev/null; then
    apt-get update -q && apt-get install -y -q python3-fastapi python3-uvicorn
fi
if [ ! -f "$s3proxy_jar" ]; then
    "$root/mvnw" -B -q -N -f "$root/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
        -Dartifact="org.gaul:s3proxy:$s3proxy_version:jar:jar-with-dependencies" -DoutputDirectory="$here/target"
fi

free_port() {
    "$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
# await_port PORT PID NAME: returns once NAME (process PID) listens on PORT; fails if it exits first, or in 30 s.
await_port() {
    for _ in $(seq 300); do
        kill -0 "$2" 2>/dev/null || { echo "E2E FAILED: $3 exited"; exit 1; }
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
            return
        fi
        sleep 0.1
    done
    echo "E2E FAILED: $3 did not listen on port $1 in 30 s"; exit 1
}
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT

# S3Proxy checks every signature, the signed Content-Type included. It starts while the consumer is packaged.
s3port=$(free_port)
s3identity=e2e-identity
s3credential="e2e-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
printf '%s\n' "s3proxy.endpoint=http://127.0.0.1:$s3port" s3proxy.authorization=aws-v2-or-v4 \
    "s3proxy.identity=$s3identity" "s3proxy.credential=$s3credential" jclouds.provider=transient \
    jclouds.identity=unused jclouds.credential=unused >"$here/target/s3proxy.properties"
java -Xmx256m -jar "$s3proxy_jar" --properties "$here/target/s3proxy.properties" >"$here/target/s3proxy.log" 2>&1 &
s3proxy=$!
pids+=("$s3proxy")

"$root/mvnw" -B -q -f "$here/consumer/pom.xml" package
jar="$here/consumer/target/quarkus-app/quarkus-run.jar"
await_port "$s3port" "$s3proxy" "S3Proxy (its log: $here/target/s3proxy.log)"

# The service creates its bucket in S3Proxy at start, before it listens.
port=$(free_port)
key="e2e-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
API_KEY="$key" S3_ENDPOINT="http://127.0.0.1:$s3port" S3_IDENTITY="$s3identity" S3_CREDENTIAL="$s3credential" \
    "$python" -m uvicorn --app-dir "$here" opengater_storage:app --host 127.0.0.1 --port "$port" \
    --log-level warning &
service=$!
pids+=("$service")
await_port "$port" "$service" "the FastAPI service"

export QUARKUS_OPENGATER_STORAGE_BASE_URL="http://127.0.0.1:$port/"
export QUARKUS_OPENGATER_STORAGE__MEDIA__BASE_URL="http://127.0.0.1:$port"
export QUARKUS_OPENGATER_STORAGE__MEDIA__API_KEY="$key"
QUARKUS_OPENGATER_STORAGE_API_KEY="$key" java -jar "$jar"
QUARKUS_OPENGATER_STORAGE_API_KEY="not-the-key" java -jar "$jar" wrong-key

# Without the named client's settings, the start fails and names each property and its environment variable.
unset QUARKUS_OPENGATER_STORAGE__MEDIA__BASE_URL QUARKUS_OPENGATER_STORAGE__MEDIA__API_KEY
if output=$(QUARKUS_OPENGATER_STORAGE_API_KEY="$key" java -jar "$jar" 2>&1); then
    echo "E2E FAILED: the application started without the named client's settings"; exit 1
fi
for expected in 'quarkus.opengater-storage."media".base-url is not set (environment variable QUARKUS_OPENGATER_STORAGE__MEDIA__BASE_URL)' \
        'quarkus.opengater-storage."media".api-key is not set (environment variable QUARKUS_OPENGATER_STORAGE__MEDIA__API_KEY)'; do
    if ! grep -qF "$expected" <<<"$output"; then
        echo "E2E FAILED: the start-up failure does not say: $expected"; echo "$output"; exit 1
    fi
done
if grep -qF "$key" <<<"$output"; then
    echo "E2E FAILED: the start-up failure holds the API key"; exit 1
fi
echo "e2e: the start without the named client's settings failed, naming them"
echo "e2e: the installed extension works against FastAPI on uvicorn, and what it uploads S3Proxy serves back"
