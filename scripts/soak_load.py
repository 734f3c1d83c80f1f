#!/usr/bin/env python3
"""Mixed load for scripts/soak (standard library only; test-side, not part of the product).

Usage: soak_load.py PORT PID SECONDS WARMUP MAX_BODY READ_TIMEOUT
Threads loop over: single sites (valid, outside the dataset), batches, malformed JSON, oversized
bodies, slow clients (a body trickled slower than the read timeout), connections cancelled midway,
HEAD health checks. Prints one JSON object: counts per action and status, unexpected statuses,
crashes (server gone), and the server's RSS after warm-up and at the end.
"""
import json
import os
import random
import socket
import sys
import threading
import time

PORT, PID, SECONDS, WARMUP, MAX_BODY, READ_TIMEOUT = (int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]),
                                                      float(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6]))
# The demo county's bounding box, roughly (Fixtures/demo): points inside get 200, at 100°E 422.
INSIDE = ((111.60, 111.85), (30.42, 30.62))
lock = threading.Lock()
counts = {}
unexpected = []
deadline = time.time() + SECONDS


def rss_mb():
    with open(f"/proc/{PID}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return None


def record(action, status):
    with lock:
        counts.setdefault(action, {}).setdefault(str(status), 0)
        counts[action][str(status)] += 1


def request(method, path, body=b"", timeout=30.0):
    """One request on its own connection; the status code, or 'closed' when the server closed first."""
    with socket.create_connection(("127.0.0.1", PORT), timeout=timeout) as connection:
        head = (f"{method} {path} HTTP/1.1\r\nHost: soak\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
        try:
            connection.sendall(head + body)
        except (BrokenPipeError, ConnectionResetError):
            return "closed"
        data = b""
        try:
            while True:
                chunk = connection.recv(65536)
                if not chunk:
                    break
                data += chunk
        except ConnectionResetError:
            pass
        if not data.startswith(b"HTTP/1.1 "):
            return "closed"
        return int(data[9:12])


def point(inside=True):
    if inside:
        return [random.uniform(*INSIDE[0]), random.uniform(*INSIDE[1])]
    return [100.0 + random.random(), 30.0]


def single():
    inside = random.random() < 0.9
    body = json.dumps({"geometry": {"type": "Point", "coordinates": point(inside)}, "industry": "C2614", "nature": "新建"}).encode()
    return "single", request("POST", "/api/screen", body), {200, 422}


def batch():
    features = [{"type": "Feature", "properties": {"site_id": f"B{i}"}, "geometry": {"type": "Point", "coordinates": point()}}
                for i in range(20)]
    body = json.dumps({"type": "FeatureCollection", "features": features}).encode()
    return "batch", request("POST", "/api/screen/batch", body), {200}


def malformed():
    body = random.choice([b"{", b"[1,2", b'{"geometry": 5}', b"\xff\xfe\x00", b'{"coordinates": "abc"}'])
    return "malformed", request("POST", "/api/screen", body), {400, 422}


def oversized():
    return "oversized", request("POST", "/api/screen", b" " * (MAX_BODY + 1024)), {413, "closed"}


def slow():
    with socket.create_connection(("127.0.0.1", PORT), timeout=READ_TIMEOUT * 4) as connection:
        connection.sendall(b"POST /api/screen HTTP/1.1\r\nHost: soak\r\nContent-Length: 1000\r\n\r\n{")
        started = time.time()
        try:
            while time.time() - started < READ_TIMEOUT * 3:
                time.sleep(READ_TIMEOUT / 4)
                connection.sendall(b" ")
            return "slow", "open", {"closed"}
        except (BrokenPipeError, ConnectionResetError):
            return "slow", "closed", {"closed"}


def cancelled():
    connection = socket.create_connection(("127.0.0.1", PORT), timeout=5)
    body = json.dumps({"geometry": {"type": "Point", "coordinates": point()}}).encode()
    connection.sendall(f"POST /api/screen HTTP/1.1\r\nHost: soak\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body[:len(body) // 2])
    connection.close()
    return "cancelled", "sent", {"sent"}


def head():
    return "head", request("HEAD", "/api/health"), {200}


ACTIONS = [(single, 50), (batch, 8), (malformed, 10), (oversized, 3), (slow, 2), (cancelled, 10), (head, 17)]
CHOICES = [action for action, weight in ACTIONS for _ in range(weight)]


def worker():
    while time.time() < deadline:
        action = random.choice(CHOICES)
        try:
            name, status, allowed = action()
        except (ConnectionRefusedError, FileNotFoundError):
            record("crash", "refused")
            return
        except OSError as error:
            name, status, allowed = action.__name__, f"oserror:{error.__class__.__name__}", set()
        record(name, status)
        if status not in allowed:
            with lock:
                if len(unexpected) < 50:
                    unexpected.append({"action": name, "status": status})


threads = [threading.Thread(target=worker, daemon=True) for _ in range(8)]
for thread in threads:
    thread.start()
time.sleep(WARMUP)
after_warmup = rss_mb()
samples = [after_warmup]
while time.time() < deadline:
    time.sleep(10)
    if not os.path.exists(f"/proc/{PID}"):
        break
    samples.append(rss_mb())
for thread in threads:
    thread.join(timeout=READ_TIMEOUT * 5)
alive = os.path.exists(f"/proc/{PID}")
end = rss_mb() if alive else None
total = sum(sum(v.values()) for v in counts.values())
server_errors = sum(n for action in counts.values() for status, n in action.items() if status.startswith("5"))
print(json.dumps({"seconds": SECONDS, "requests": total, "counts": counts, "unexpected": unexpected, "serverAlive": alive,
                  "status5xx": server_errors, "rssAfterWarmupMB": after_warmup, "rssEndMB": end,
                  "rssMaxMB": max(s for s in samples if s), "rssChange": (end / after_warmup - 1) if end and after_warmup else None},
                 ensure_ascii=False, indent=1))
