"""Clients that send a request a byte at a time do not take the site down.

A real gunicorn with the project's gunicorn.conf.py (two workers, as the tests start it) gets
six connections that dribble a POST's headers, one byte a second, as a slowloris attack does.
Meanwhile other visitors must still be answered. In production a buffering proxy in front
(the README's nginx example) holds such clients off entirely; this checks the app's own part.
"""

import socket
import threading
import time
import urllib.request

import pytest

from .processes import child_database_url, child_env, free_port, gunicorn

pytestmark = pytest.mark.django_db(transaction=True)

DRIPPERS = 6
REQUEST = (
    b"POST /suggest/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
    b"application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n" + b"x" * 200
)


def drip(port, stop):
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        for byte in REQUEST:
            if stop.is_set():
                return
            try:
                sock.sendall(bytes([byte]))
            except OSError:
                return  # the server gave up on us: fine
            time.sleep(1)


def test_six_dribbling_clients_leave_the_site_answering_others(db):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = child_env(DATABASE_URL=child_database_url(), DJANGO_SETTINGS_MODULE="tests.settings")
    with gunicorn(base, env=env):
        stop = threading.Event()
        drippers = [threading.Thread(target=drip, args=(port, stop)) for _ in range(DRIPPERS)]
        for dripper in drippers:
            dripper.start()
        try:
            time.sleep(2)  # every dribbling request has reached a worker by now
            answers = []
            for _visit in range(5):
                with urllib.request.urlopen(f"{base}/healthz", timeout=5) as response:
                    answers.append(response.status)
                with urllib.request.urlopen(f"{base}/cases/", timeout=5) as response:
                    answers.append(response.status)
        finally:
            stop.set()
            for dripper in drippers:
                dripper.join()
    assert answers == [200] * 10
