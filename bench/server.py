"""A gunicorn server for the benchmark, with export and wrk measurements against it."""

import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Server:
    """gunicorn with 2 workers (gunicorn.conf.py's gthread) on 127.0.0.1:port, DEBUG off,
    static files collected."""

    def __init__(self, port):
        self.port = port

    def __enter__(self):
        try:
            self.get("/")
        except OSError:
            pass
        else:
            raise RuntimeError(f"Port {self.port} is taken; set BENCH_PORT to a free one.")
        bin_dir = Path(sys.executable).parent
        env = {**os.environ, "DJANGO_DEBUG": "0"}
        self.process = subprocess.Popen(
            [
                str(bin_dir / "gunicorn"),
                "nlc_catalogue.wsgi",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--timeout",
                "600",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        for _ in range(100):
            if self.process.poll() is not None:
                break
            try:
                self.get("/cases/")
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)

    def workers(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def get(self, path):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read()
        conn.close()
        return response.status, body


def _rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def export_stats(server, path, rows):
    """Stream an export, timing it and sampling the workers' memory every 20 ms."""
    workers = server.workers()
    server.get("/cases/")  # both workers have imported everything before the baseline
    server.get("/cases/")
    baseline = {pid: _rss_mb(pid) for pid in workers}
    peak = dict(baseline)
    done = threading.Event()

    def sample():
        while not done.is_set():
            for pid in workers:
                peak[pid] = max(peak[pid], _rss_mb(pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=600)
    started = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    size = 0
    while chunk := response.read(1 << 16):
        size += len(chunk)
    seconds = time.perf_counter() - started
    conn.close()
    done.set()
    sampler.join()
    growth = max(peak[pid] - baseline[pid] for pid in workers)
    return {
        "rows": rows,
        "bytes": size,
        "seconds": seconds,
        "rows_per_second": rows / seconds,
        "peak_mb": max(peak.values()),
        "growth_mb": growth,
    }


def ensure_wrk():
    if shutil.which("wrk"):
        return
    print("wrk is missing; installing the Debian package.", flush=True)
    command = ["apt-get", "install", "-y", "wrk"]
    if os.geteuid() != 0:
        command = ["sudo", *command]
    subprocess.run(command, check=True)


def run_wrk(url, seconds):
    ensure_wrk()
    output = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p99 = re.search(r"99%\s+(\S+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket = re.search(r"Socket errors: (.*)", output)
    errors = int(non_2xx.group(1)) if non_2xx else 0
    if socket:
        errors += sum(int(n) for n in re.findall(r"\d+", socket.group(1)))
    return {
        "rps": rps.group(1) if rps else "?",
        "p99": p99.group(1) if p99 else "?",
        "errors": errors,
        # wrk's own words: a timeout (over 2 s) and a refused connection are both "errors".
        "error_detail": "; ".join(
            match.group(0) for match in (non_2xx, socket) if match is not None
        ),
        "raw": output,
    }
