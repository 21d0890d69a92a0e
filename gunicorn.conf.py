"""gunicorn settings for `make serve` and `make loadtest` (read from this folder by default).

Each worker is a stateless process: sessions and axes lockouts live in the database, so any
number of workers and machines can sit behind one proxy.
"""

import multiprocessing
import os
import shutil
import tempfile

wsgi_app = "nlc_catalogue.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Two workers per core, each with threads: requests mostly wait on PostgreSQL, not on the CPU,
# and a client that sends its request slowly ties up one thread, not a whole worker. A
# buffering proxy in front (README, Deployment) keeps such clients away from the app entirely.
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count()))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 8))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
keepalive = 5
# 0 keeps workers for good, so the soak test measures real memory growth; set it to recycle.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 0))
max_requests_jitter = max_requests // 10
# Heartbeat files in memory, not on a possibly slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# The app writes one JSON line per request itself (ops.requests); gunicorn's own log is errors.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Without Redis, the workers share one cache in files (settings.py) rather than each keeping
# its own in memory, which every worker would fill again after each change to the catalogue.
if not os.environ.get("REDIS_URL"):
    os.environ.setdefault(
        "CACHE_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), "var", "cache")
    )


# Temporary files (the XLSX export's sheets, which openpyxl writes to disk while the workbook is
# built) go to a folder per worker, and the master removes a worker's folder when the worker
# exits, however it ends: a worker killed mid-export (a timeout, the OOM killer) leaves nothing.
TEMP_ROOT = os.environ.get("GUNICORN_TEMP_DIR") or os.path.join(
    tempfile.gettempdir(), "nlc-catalogue"
)


def _worker_dir(pid):
    return os.path.join(TEMP_ROOT, f"worker-{pid}")


def on_starting(server):
    os.makedirs(TEMP_ROOT, exist_ok=True)
    # Folders of workers a previous master left behind (it was killed itself).
    for name in os.listdir(TEMP_ROOT):
        pid = name.removeprefix("worker-")
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(os.path.join(TEMP_ROOT, name), ignore_errors=True)


def post_fork(server, worker):
    path = _worker_dir(os.getpid())
    os.makedirs(path, exist_ok=True)
    os.environ["TMPDIR"] = tempfile.tempdir = path


def child_exit(server, worker):
    shutil.rmtree(_worker_dir(worker.pid), ignore_errors=True)


def _running(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
