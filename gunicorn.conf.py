"""gunicorn settings for `make serve` and `make loadtest` (read from this folder by default).

Each worker is a stateless process: sessions and axes lockouts live in the database, so any
number of workers and machines can sit behind one proxy.
"""

import multiprocessing
import os

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
