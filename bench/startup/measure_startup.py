"""Start-up time and resident memory of the two start-up applications, for bench/call-benchmark.sh.

    python3 bench/startup/measure_startup.py --runs=10 --jvm-opts="-Xmx512m" \
        --app=without=bench/startup/without/target/quarkus-app/quarkus-run.jar \
        --app=with=bench/startup/with/target/quarkus-app/quarkus-run.jar

Starts each application --runs times, alternating (run 1: without, with; run 2: with, without; ...), each as
`java <jvm-opts> -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=<free port> -jar <jar>`, and for each start
prints a START line with:
  - http_ms: from just before the launch until GET /hello first responds with 200 (polled every 2 ms: a refused connect
    costs microseconds, so the poller does not compete with the start for the CPU);
  - log_ms: from the launch until the "started in" line appears on the application's output;
  - started_in_ms: the time Quarkus itself reports in that line (measured inside the JVM, so without the JVM's own
    start);
  - rss_kib: VmRSS of the JVM (/proc/PID/status) right after the first 200.
Then stops the application (SIGTERM) and waits for it to exit. Any start that fails or takes over 60 s fails the run.
At the end, a MEDIAN line per application gives the medians of the four figures (RSS in MiB).

An --app whose path does not end in .jar is a native executable, started as `<path> -Dquarkus.http.host=127.0.0.1
-Dquarkus.http.port=<free port>` (no JVM, so no --jvm-opts); its rss_kib is the executable's own. --path polls
another endpoint than /hello, and --app-opts adds system properties to every start (after --jvm-opts for a jar):

    python3 bench/startup/measure_startup.py --runs=10 --jvm-opts="-Xmx512m" --path=/q/health/live \
        --app-opts="-Dquarkus.opengater-storage.base-url=http://127.0.0.1:9 -Dquarkus.opengater-storage.api-key=k" \
        --app=jvm=integration-tests/target/quarkus-app/quarkus-run.jar \
        --app=native=integration-tests/target/quarkus-opengater-storage-client-integration-tests-0.1.0-SNAPSHOT-runner
"""
from __future__ import annotations

import argparse
import re
import shlex
import socket
import statistics
import subprocess
import sys
import threading
import time

STARTED_IN = re.compile(r"started in (\d+(?:\.\d+)?)s")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def responds_200(port: int, path: str) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1.0) as s:
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
            status = s.recv(64)
            return status.startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def vm_rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


def start_once(name: str, app: str, jvm_opts: list[str], app_opts: list[str], path: str, run: int) -> dict:
    port = free_port()
    listen = ["-Dquarkus.http.host=127.0.0.1", f"-Dquarkus.http.port={port}", *app_opts]
    command = ["java", *jvm_opts, *listen, "-jar", app] if app.endswith(".jar") else [app, *listen]
    lines: list[str] = []
    logged = {}

    launched = time.monotonic_ns()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def read_output() -> None:
        for line in process.stdout:
            if "log" not in logged and STARTED_IN.search(line):
                logged["log"] = time.monotonic_ns()
                logged["started_in"] = float(STARTED_IN.search(line).group(1))
            lines.append(line)

    reader = threading.Thread(target=read_output, daemon=True)
    reader.start()
    try:
        deadline = launched + 60 * 10**9
        while True:
            if responds_200(port, path):
                responded = time.monotonic_ns()
                break
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited with {process.returncode} while starting:\n" + "".join(lines))
            if time.monotonic_ns() > deadline:
                raise RuntimeError(f"{name} did not answer within 60 s:\n" + "".join(lines))
            time.sleep(0.002)
        rss = vm_rss_kib(process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        reader.join(timeout=5)
    if "log" not in logged:
        raise RuntimeError(f"{name} printed no 'started in' line:\n" + "".join(lines))
    result = {"http_ms": (responded - launched) / 1e6, "log_ms": (logged["log"] - launched) / 1e6,
              "started_in_ms": logged["started_in"] * 1000, "rss_kib": rss}
    print(
        f"START app={name} run={run} http_ms={result['http_ms']:.1f} log_ms={result['log_ms']:.1f}"
        f" started_in_ms={result['started_in_ms']:.0f} rss_kib={rss}",
        flush=True,
    )
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--jvm-opts", default="")
    parser.add_argument("--app-opts", default="")
    parser.add_argument("--path", default="/hello")
    parser.add_argument("--app", action="append", required=True,
                        help="name=path/to/quarkus-run.jar, or name=path/to/native-runner")
    args = parser.parse_args()
    apps = [tuple(app.split("=", 1)) for app in args.app]
    jvm_opts = shlex.split(args.jvm_opts)
    app_opts = shlex.split(args.app_opts)
    results: dict[str, list[dict]] = {name: [] for name, _ in apps}
    for run in range(1, args.runs + 1):
        order = apps if run % 2 == 1 else list(reversed(apps))
        for name, app in order:
            results[name].append(start_once(name, app, jvm_opts, app_opts, args.path, run))
    for name, starts in results.items():
        medians = {key: statistics.median(start[key] for start in starts) for key in starts[0]}
        print(f"MEDIAN app={name} starts={len(starts)} http_ms={medians['http_ms']:.1f} log_ms={medians['log_ms']:.1f}"
              f" started_in_ms={medians['started_in_ms']:.0f} rss_mib={medians['rss_kib'] / 1024:.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
