#!/usr/bin/env python3
"""Starts the release server per case, uploads one file, prints status, seconds, peak RSS, CPU after."""
import base64, json, os, socket, subprocess, sys, time, urllib.request, urllib.error

binary, folder = sys.argv[1], sys.argv[2]

def free_port():
    s = socket.socket(); s.bind(('127.0.0.1', 0)); port = s.getsockname()[1]; s.close(); return port

def status_field(pid, name):
    with open(f'/proc/{pid}/status') as f:
        for line in f:
            if line.startswith(name + ':'):
                return int(line.split()[1])  # kB
    return 0

def cpu_seconds(pid):
    with open(f'/proc/{pid}/stat') as f:
        fields = f.read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')

def case(name, file, extra, timeout):
    port = free_port()
    server = subprocess.Popen([binary, 'serve', '--port', str(port), '--max-body', str(512 << 20)] + extra,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        server.stdout.readline()
        data = open(os.path.join(folder, file), 'rb').read()
        body = json.dumps({'file': {'fileName': file, 'content': base64.b64encode(data).decode(), 'contentEncoding': 'base64'}}).encode()
        request = urllib.request.Request(f'http://127.0.0.1:{port}/api/screen', data=body, headers={'Content-Type': 'application/json'})
        start = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=timeout) as reply:
                status, text = reply.status, reply.read()[:200]
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read()[:300]
        seconds = time.monotonic() - start
        cpu_at_answer = cpu_seconds(server.pid)
        time.sleep(5)
        cpu_after = cpu_seconds(server.pid) - cpu_at_answer
        peak = status_field(server.pid, 'VmHWM') / 1024
        message = json.loads(text).get('error', {}).get('message', '') if text.startswith(b'{') else ''
        print(f'| {name} | {len(data):,} | {status} | {seconds:.2f} s | {peak:.0f} MB | {cpu_after:.2f} s | {message[:90]} |', flush=True)
    finally:
        server.terminate(); server.wait()

print('| case | bytes sent (file) | status | answered after | server peak RSS | server CPU in the 5 s after | message |')
print('|---|---:|---:|---:|---:|---:|---|')
case('KMZ unpacking to 1 GiB, default limits', 'expands-1gib.kmz', [], 120)
case('XLSX with a 1 GiB shared string, default limits', 'shared-string-1gib.xlsx', [], 120)
case('XLSX of 10,000,000 rows, default limits', 'rows-10m.xlsx', ['--timeout', '10'], 60)
case('XLSX of 10,000,000 rows, --timeout 10, limits raised', 'rows-10m.xlsx',
     ['--timeout', '10', '--max-unpacked-bytes', str(4 << 30), '--max-features', str(20_000_000)], 60)
