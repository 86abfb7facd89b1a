#!/usr/bin/env bash
# End to end: the extension, installed to the local Maven repository, used by a separate Quarkus application
# against a FastAPI/uvicorn service on a free loopback port. Needs Debian's python3-fastapi and python3-uvicorn
# (installed here when missing and apt-get is usable) and the extension installed (`./mvnw install`).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
python=/usr/bin/python3

if ! "$python" -c 'import fastapi, uvicorn' 2>/dev/null; then
    apt-get update -q && apt-get install -y -q python3-fastapi python3-uvicorn
fi

port=$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
key="e2e-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
API_KEY="$key" "$python" -m uvicorn --app-dir "$here" opengater_storage:app --host 127.0.0.1 --port "$port" \
    --log-level warning &
service=$!
trap 'kill $service 2>/dev/null || true' EXIT
"$python" - "$port" <<'PY'
import sys, time, urllib.request
for _ in range(100):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/openapi.json", timeout=1)
        break
    except OSError:
        time.sleep(0.1)
else:
    sys.exit("the FastAPI service did not start")
PY

"$root/mvnw" -B -q -f "$here/consumer/pom.xml" package
jar="$here/consumer/target/quarkus-app/quarkus-run.jar"
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
echo "e2e: the installed extension works against FastAPI on uvicorn"
