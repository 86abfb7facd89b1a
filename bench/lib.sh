# Shared by the benchmark scripts (upload-benchmark.sh, call-benchmark.sh): sourced, not run.
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
