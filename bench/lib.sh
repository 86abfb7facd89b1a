# Shared by the benchmark scripts (upload-benchmark.sh, call-benchmark.sh, compare-calls.sh): sourced, not run.
# A script sets `work` (its temp dir) before calling bench_start_cleanup, and adds what it starts to `pids`.

# apt-get install the given Debian packages, or stop saying which are missing when that cannot be done.
install_missing() {
    [ $# -gt 0 ] || return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get update -q && apt-get install -y -q "$@"
    else
        echo "missing: $* (install them with apt-get)" >&2
        exit 1
    fi
}

pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}

# On exit, stop everything in `pids` and delete `work`.
bench_start_cleanup() {
    trap cleanup EXIT
    trap 'exit 130' INT TERM
}

free_port() {
    local port
    while :; do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
}

wait_http() { # url name pid
    local i
    for i in $(seq 1 300); do
        if [ "$(curl -s -o /dev/null -w '%{http_code}' "$1" || true)" != 000 ]; then
            return 0
        fi
        kill -0 "$3" 2>/dev/null || { echo "$2 exited while starting" >&2; return 1; }
        sleep 0.1
    done
    echo "$2 did not start" >&2
    return 1
}

# The call benchmarks' service stub (call-benchmark.sh, compare-calls.sh): nginx ($nginx_bin) in $work/nginx, one
# worker on a free 127.0.0.1 port, POST /uploads responding 200 with a fixed JSON body on kept-alive connections.
# Checks it with curl, adds it to `pids` and sets `base_url`.
start_uploads_stub() {
    local port user_line="" response body sanity expected call
    mkdir -p "$work/nginx/body" "$work/nginx/tmp"
    port="$(free_port)"
    [ "$(id -u)" = 0 ] && user_line="user root;"
    response='{"upload_url":"http://127.0.0.1/put/k.bin?sig=x","key":"k.bin","public_url":"http://127.0.0.1/k.bin"}'
    cat >"$work/nginx/nginx.conf" <<EOF
$user_line
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/tmp;
    fastcgi_temp_path $work/nginx/tmp;
    uwsgi_temp_path $work/nginx/tmp;
    scgi_temp_path $work/nginx/tmp;
    keepalive_requests 100000000;
    keepalive_timeout 300s;
    server {
        listen 127.0.0.1:$port backlog=4096;
        location = /uploads {
            default_type application/json;
            return 200 '$response';
        }
        location = /ready { return 204; }
    }
}
EOF
    "$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" -g 'daemon off;' &
    pids+=($!)
    wait_http "http://127.0.0.1:$port/ready" nginx "${pids[-1]}"
    base_url="http://127.0.0.1:$port"

    # A POST with a JSON body, twice on one curl: the same response both times, and one connect.
    body='{"content_type":"image/png","prefix":"bench"}'
    call=(-w '\n%{http_code} %{num_connects} %{content_type}\n' -H 'X-API-Key: bench-call-key'
        -H 'Content-Type: application/json' -H 'Accept: application/json' --data "$body" "$base_url/uploads")
    sanity="$(curl -sS "${call[@]}" --next "${call[@]}")"
    expected="$response"$'\n'"200 1 application/json"$'\n'"$response"$'\n'"200 0 application/json"
    if [ "$sanity" != "$expected" ]; then
        echo "the nginx stub did not answer POST /uploads as expected:" >&2
        echo "$sanity" >&2
        exit 1
    fi
    echo "== nginx stub on $base_url: POST /uploads answers 200 with the JSON, on a kept-alive connection"
}
