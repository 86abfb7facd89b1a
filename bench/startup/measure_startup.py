"""Start-up time and resident memory of the two start-up applications, for bench/call-benchmark.sh.

    python3 bench/startup/measure_startup.py --runs=10 --jvm-opts="-Xmx512m" \
        --app=without=bench/startup/without/target/quarkus-app/quarkus-run.jar \
        --app=with=bench/startup/with/target/quarkus-app/quarkus-run.jar

Starts each application --runs times, alternating (run 1: without, with; run 2: with, without; ...), each as
`java <jvm-opts> -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=<free port> -jar <jar>`, and for each start
prints a START line with:
  - http_ms: from just before the launch until GET /hello first answers 200 (polled every 2 ms: a refused connect
    costs microseconds, so the poller does not compete with the start for the CPU);
  - log_ms: from the launch until the "started in" line appears on the application's output;
  - started_in_ms: the time Quarkus itself reports in that line (measured inside the JVM, so without the JVM's own
    start);
  - rss_kib: VmRSS of the JVM (/proc/PID/status) right after the first 200.
Then stops the application (SIGTERM) and waits for it to exit. Any start that fails or takes over 60 s fails the run.
"""
from __future__ import annotations

import argparse
import re
import shlex
import socket
import subprocess
import sys
import threading
import time

STARTED_IN = re.compile(r"started in (\d+(?:\.\d+)?)s")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers_200(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1.0) as s:
            s.sendall(b"GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
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


def start_once(name: str, jar: str, jvm_opts: list[str], run: int) -> None:
    port = free_port()
    command = ["java", *jvm_opts, "-Dquarkus.http.host=127.0.0.1", f"-Dquarkus.http.port={port}", "-jar", jar]
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
            if answers_200(port):
                answered = time.monotonic_ns()
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
    print(
        f"START app={name} run={run} http_ms={(answered - launched) / 1e6:.1f}"
        f" log_ms={(logged['log'] - launched) / 1e6:.1f} started_in_ms={logged['started_in'] * 1000:.0f}"
        f" rss_kib={rss}",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--jvm-opts", default="")
    parser.add_argument("--app", action="append", required=True, help="name=path/to/quarkus-run.jar")
    args = parser.parse_args()
    apps = [tuple(app.split("=", 1)) for app in args.app]
    jvm_opts = shlex.split(args.jvm_opts)
    for run in range(1, args.runs + 1):
        order = apps if run % 2 == 1 else list(reversed(apps))
        for name, jar in order:
            start_once(name, jar, jvm_opts, run)
    return 0


if __name__ == "__main__":
    sys.exit(main())
