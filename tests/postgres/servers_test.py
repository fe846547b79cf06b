#!/usr/bin/env python3
"""Several agencykpi processes on one PostgreSQL database, as a hosted
deployment runs them, on a cluster of the test's own (tests/postgres/pg_cluster,
stopped at the end: one of the tests stops and restarts it):

  two_servers    two `serve` processes on one agency: an import through one
                 is served by the other within FOLLOW_DEADLINE seconds, and
                 both then answer byte-identical reports;
  killed_import  `kill -9` of an importing process at several points of its
                 transaction (copying a table, inserting time entries) leaves
                 the previous dataset whole: same report, same row counts, no
                 lock left; the next import completes;
  database_away  PostgreSQL stopped under a running server: 503 `unavailable`
                 with Retry-After, then normal answers once it is back.

usage: servers_test.py AGENCYKPI GOLDEN_DIR PG_CLUSTER"""
import io
import json
import os
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import zipfile

# The bound: another server serves an import within a second.
FOLLOW_DEADLINE = 1.0
# How long a server may take to notice the database gone (it asks every
# second, kFollowPoll) or back (it reconnects every 0.5 s).
NOTICE_DEADLINE = 15.0
# Waiting for a process to start, for an import to reach a statement.
START_DEADLINE = 30.0
IMPORT_DEADLINE = 120.0
# The kill test's agency: big enough that its import spends seconds in the
# database (demo-data --scale 4: about 200,000 time entries).
KILL_SCALE = '4'
PERIOD = 'period=2026-H1&as_of=2026-06-30'

failures = []


def expect(cond, what):
    if not cond:
        failures.append(what)
        print('FAIL:', what, flush=True)
    return cond


class Cluster:
    """The test's own PostgreSQL, with psql as the superuser for probes."""

    def __init__(self, script, directory):
        self.script, self.dir = script, directory
        self.uri = subprocess.run([script, 'start', directory], check=True, capture_output=True,
                                  text=True).stdout.strip()
        self.port = open(os.path.join(directory, 'port')).read().strip()
        self.bin = sorted(p for p in os.listdir('/usr/lib/postgresql'))[-1]
        self.bin = os.path.join('/usr/lib/postgresql', self.bin, 'bin')

    def as_owner(self, *args):
        prefix = ['runuser', '-u', 'postgres', '--'] if os.getuid() == 0 else []
        return subprocess.run(prefix + list(args), capture_output=True, text=True, timeout=120)

    def sql(self, query):
        done = self.as_owner(os.path.join(self.bin, 'psql'), '-X', '-A', '-t', '-q', '-h', self.dir, '-p', self.port,
                             '-U', 'postgres', '-d', 'agencykpi', '-v', 'ON_ERROR_STOP=1', '-c', query)
        if done.returncode != 0:
            raise RuntimeError(f'psql: {done.stderr}')
        return done.stdout.strip()

    def pg_ctl(self, action):
        args = [os.path.join(self.bin, 'pg_ctl'), '-D', os.path.join(self.dir, 'data'), '-w', '-t', '60']
        if action == 'stop':
            args += ['-m', 'fast', 'stop']
        else:
            # the settings pg_cluster started it with are on its command line, kept in postmaster.opts
            # pg_cluster's settings, as postmaster.opts kept them (without the program and its -D)
            opts = shlex.split(open(os.path.join(self.dir, 'data', 'postmaster.opts')).read())[1:]
            at = opts.index('-D')
            del opts[at:at + 2]
            args += ['-o', ' '.join(opts), '-l', os.path.join(self.dir, 'server.log'), 'start']
        done = self.as_owner(*args)
        if done.returncode != 0:
            raise RuntimeError(f'pg_ctl {action}: {done.stderr}')

    def close(self):
        subprocess.run([self.script, 'stop', self.dir], capture_output=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]


class Server:
    """`agencykpi serve` on 127.0.0.1 (a store without accounts: local use)."""

    def __init__(self, binary, uri, agency, log):
        self.port = free_port()
        self.log = open(log, 'w')
        self.process = subprocess.Popen([binary, 'serve', '--db', uri, '--agency', agency, '--host', '127.0.0.1',
                                         '--port', str(self.port)], stderr=self.log, stdout=self.log)
        deadline = time.monotonic() + START_DEADLINE
        while time.monotonic() < deadline:
            try:
                socket.create_connection(('127.0.0.1', self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f'serve did not listen within {START_DEADLINE} s (log: {log})')

    def get(self, path, headers=None, body=None, method='GET'):
        request = urllib.request.Request(f'http://127.0.0.1:{self.port}{path}', data=body, method=method,
                                         headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                return answer.status, dict(answer.headers), answer.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def until(self, path, status, seconds):
        """GET `path` until it answers `status` or `seconds` pass: the last answer."""
        deadline = time.monotonic() + seconds
        answer = self.get(path)
        while answer[0] != status and time.monotonic() < deadline:
            time.sleep(0.1)
            answer = self.get(path)
        return answer

    def version(self):
        status, _, body = self.get('/api/v1/meta')
        return json.loads(body)['dataset_version'] if status == 200 else None

    def close(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def zip_of(folder):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, 'w') as archive:
        for name in sorted(os.listdir(folder)):
            archive.write(os.path.join(folder, name), name)
    return buffer.getvalue()


def run(binary, *args):
    return subprocess.run([binary, *args], capture_output=True, text=True, timeout=IMPORT_DEADLINE)


def two_servers(binary, golden, cluster, tmp):
    uri = cluster.uri
    expect(run(binary, 'agency', 'add', '--db', uri, '--id', 'pair', '--name', 'Pair').returncode == 0, 'agency add')
    first = run(binary, 'import', os.path.join(golden, 'agence-exemple'), '--db', uri, '--agency', 'pair')
    expect(first.returncode == 0, f'first import: {first.stderr}')
    a = Server(binary, uri, 'pair', os.path.join(tmp, 'a.log'))
    b = Server(binary, uri, 'pair', os.path.join(tmp, 'b.log'))
    try:
        before = b.version()
        expect(before is not None and before == a.version(), f'both serve the same version ({before}, {a.version()})')
        status, _, body = a.get('/api/v1/import', {'Content-Type': 'application/zip', 'X-Requested-With': 'agencykpi'},
                                zip_of(os.path.join(golden, 'agence-forfaits')), 'POST')
        imported_at = time.monotonic()
        expect(status == 200, f'the import through server A answers 200, not {status}: {body[:300]}')
        expect(a.version() == before + 1, 'server A serves its own import at once')
        seen = None
        while time.monotonic() - imported_at < 10 * FOLLOW_DEADLINE:
            if b.version() == before + 1:
                seen = time.monotonic() - imported_at
                break
            time.sleep(0.01)
        print(f'two_servers: server B served the import {seen} s after server A answered', flush=True)
        expect(seen is not None and seen <= FOLLOW_DEADLINE,
               f'server B serves the import made through A within {FOLLOW_DEADLINE} s (took {seen})')
        for path in [f'/api/v1/report?{PERIOD}', '/api/v1/meta', f'/api/v1/clients/C01?{PERIOD}', '/api/v1/brands']:
            status_a, _, from_a = a.get(path)
            status_b, _, from_b = b.get(path)
            expect(status_a == 200 and status_b == 200, f'{path}: both answer 200 ({status_a}, {status_b})')
            expect(from_a == from_b, f'{path}: servers A and B answer the same bytes')
        # the report is the one of the new folder, as the command line computes it
        cli = run(binary, 'report', '--db', uri, '--agency', 'pair', '--period', '2026-H1', '--as-of', '2026-06-30',
                  '--format', 'json')
        _, _, served = b.get(f'/api/v1/report?{PERIOD}')
        expect(json.loads(cli.stdout) == json.loads(served), 'server B serves the report of the new data')
    finally:
        a.close()
        b.close()
    expect('imported elsewhere' in open(os.path.join(tmp, 'b.log')).read(), 'server B logs the reload')
    expect('imported elsewhere' not in open(os.path.join(tmp, 'a.log')).read(),
           'server A does not load its own import again')


def agency_counts(cluster, agency):
    # the tables (a partitioned one counts its attached parts), not the parts themselves, nor the snapshots (a cache)
    tables = cluster.sql("SELECT string_agg(c.table_name, ' ' ORDER BY c.table_name) FROM information_schema.columns c "
                         "JOIN pg_class r ON r.relname = c.table_name AND r.relnamespace = 'public'::regnamespace "
                         "WHERE c.column_name = 'agency_id' AND c.table_schema = 'public' "
                         "AND c.table_name NOT IN ('agencies', 'agency_parts', 'dataset_snapshots') "
                         "AND NOT r.relispartition "
                         "AND c.table_name NOT IN (SELECT part FROM agency_parts)")
    return {table: cluster.sql(f"SELECT count(*) FROM {table} WHERE agency_id = '{agency}'")
            for table in tables.split()}


def running(prefix):
    """The query that counts the connections running a statement starting with `prefix`."""
    return f"SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '{prefix}%'"


def wait_for_point(cluster, process, point):
    """Until `point` (a query counting what shows the import is there) counts some."""
    _, query = point
    deadline = time.monotonic() + IMPORT_DEADLINE
    while time.monotonic() < deadline and process.poll() is None:
        running = cluster.sql(query)
        if running != '0':
            return True
        time.sleep(0.02)
    return False


def killed_import(binary, golden, cluster, tmp):
    uri = cluster.uri
    expect(run(binary, 'agency', 'add', '--db', uri, '--id', 'crash', '--name', 'Crash').returncode == 0, 'agency add')
    big = os.path.join(tmp, 'big')
    expect(run(binary, 'demo-data', big, '--seed', '7', '--scale', KILL_SCALE).returncode == 0, 'demo-data')
    old = run(binary, 'import', os.path.join(golden, 'agence-exemple'), '--db', uri, '--agency', 'crash')
    expect(old.returncode == 0, f'the old dataset imports: {old.stderr}')
    report_args = ['report', '--db', uri, '--agency', 'crash', '--period', '2026-H1', '--as-of', '2026-06-30',
                   '--format', 'json']
    old_report = run(binary, *report_args).stdout
    old_counts = agency_counts(cluster, 'crash')
    expect(int(old_counts['time_entries']) > 0, f'the old dataset has time entries: {old_counts}')
    # filling a part; building a part's keys; the swap's transaction open, its reference tables written,
    # waiting for the last part (the others made and committed by then)
    points = [('filling a part', running('COPY part_')), ('building the keys of a part', running('SELECT agencykpi_seal_part')),
              ('in the swap', "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                              "WHERE c.relname = 'agencies' AND l.mode = 'RowShareLock'")]
    for point in points:
        name = point[0]
        importing = subprocess.Popen([binary, 'import', big, '--db', uri, '--agency', 'crash'],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        reached = wait_for_point(cluster, importing, point)
        importing.send_signal(signal.SIGKILL)
        importing.wait()
        expect(reached, f'the import was {name} when it was killed')
        # The server rolls the transactions back, and frees the import lock, once it sees the client gone.
        deadline = time.monotonic() + IMPORT_DEADLINE
        while time.monotonic() < deadline and cluster.sql(
                "SELECT (SELECT count(*) FROM pg_stat_activity WHERE usename = 'agencykpi' AND backend_xid IS NOT NULL)"
                " + (SELECT count(*) FROM pg_locks WHERE locktype = 'advisory')") != '0':
            time.sleep(0.05)
        expect(agency_counts(cluster, 'crash') == old_counts, f'killed {name}: the old rows, no more, no fewer')
        expect(run(binary, *report_args).stdout == old_report, f'killed {name}: the old report, byte for byte')
        expect(cluster.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'") == '0',
               f'killed {name}: no lock left')
    # killed in the swap, the import had made and committed parts: left for the next import to drop
    left = cluster.sql("SELECT count(*) FROM agency_parts WHERE agency_id = 'crash' AND NOT attached")
    expect(int(left) > 0, f'the killed imports left parts never attached ({left})')
    new = run(binary, 'import', big, '--db', uri, '--agency', 'crash')
    expect(new.returncode == 0, f'the next import completes: {new.stderr}')
    new_counts = agency_counts(cluster, 'crash')
    expect(int(new_counts['time_entries']) > 10 * int(old_counts['time_entries']),
           f'the next import holds the new rows: {new_counts["time_entries"]} time entries')
    expect(cluster.sql("SELECT dataset_version FROM agencies WHERE agency_id = 'crash'") == '2',
           'the killed imports did not bump the version; the completed one did')
    # the parts the killed imports made were dropped by the next one: only the attached ones are left
    attached = cluster.sql("SELECT count(*) FROM agency_parts WHERE agency_id = 'crash' AND attached")
    expect(attached == '7', f'one attached part per fact table ({attached})')
    expect(cluster.sql("SELECT count(*) FROM agency_parts WHERE agency_id = 'crash' AND NOT attached") == '0',
           'no part left unattached in the directory')
    # the snapshots the killed imports may have committed were dropped too: only the new import's is left
    snapshots = cluster.sql("SELECT count(DISTINCT s.import_id) || ' ' || count(*) FILTER (WHERE s.import_id = "
                            "a.import_id) || ' ' || count(*) FROM dataset_snapshots s JOIN agencies a USING (agency_id) "
                            "WHERE agency_id = 'crash'")
    distinct, mine, chunks = snapshots.split()
    expect(distinct == '1' and mine == chunks and int(chunks) > 0,
           f"the agency's snapshot is the new import's only ({snapshots}: import ids, its chunks, all chunks)")
    expect(cluster.sql("SELECT count(*) FROM pg_class WHERE relname LIKE 'part\\_%' AND relkind = 'r' "
                       "AND NOT relispartition") == '0', 'no part table left unattached')


def database_away(binary, golden, cluster, tmp):
    uri = cluster.uri
    expect(run(binary, 'agency', 'add', '--db', uri, '--id', 'away', '--name', 'Away').returncode == 0, 'agency add')
    expect(run(binary, 'import', os.path.join(golden, 'agence-exemple'), '--db', uri, '--agency',
               'away').returncode == 0, 'import')
    server = Server(binary, uri, 'away', os.path.join(tmp, 'away.log'))
    try:
        status, _, report = server.get(f'/api/v1/report?{PERIOD}')
        expect(status == 200, f'the report answers 200 while the database is up, not {status}')
        cluster.pg_ctl('stop')
        answer = server.until(f'/api/v1/report?{PERIOD}', 503, NOTICE_DEADLINE)
        expect(answer[0] == 503, f'with the database stopped: 503 (got {answer[0]})')
        if answer[0] == 503:
            error = json.loads(answer[2])['error']
            expect(error['code'] == 'unavailable', f'the error code is unavailable: {error}')
            expect('127.0.0.1' not in error['message'] and cluster.port not in error['message'],
                   f'the message names no host or port: {error["message"]}')
            expect('Retry-After' in answer[1], 'a 503 says when to retry (Retry-After)')
            expect(server.get('/api/v1/meta')[0] == 503, 'every API path answers 503 meanwhile')
        expect(server.process.poll() is None, 'the server keeps running without its database')
        cluster.pg_ctl('start')
        back = server.until(f'/api/v1/report?{PERIOD}', 200, NOTICE_DEADLINE)
        expect(back[0] == 200, f'once the database is back: 200 (got {back[0]})')
        expect(back[2] == report, 'the same report as before the outage')
        # and the server follows imports again
        status, _, body = server.get('/api/v1/import', {'Content-Type': 'application/zip',
                                                     'X-Requested-With': 'agencykpi'},
                                  zip_of(os.path.join(golden, 'agence-forfaits')), 'POST')
        expect(status == 200, f'an import once the database is back answers 200, not {status}: {body[:300]}')
    finally:
        server.close()
    log = open(os.path.join(tmp, 'away.log')).read()
    expect('cannot be reached' in log and 'the database is back' in log, 'the server logs the outage and the return')


def main():
    binary, golden, cluster_script = sys.argv[1], sys.argv[2], sys.argv[3]
    tests = [two_servers, killed_import, database_away]
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o755)  # the cluster's directory inside is the postgres user's
        cluster = Cluster(cluster_script, os.path.join(tmp, 'pg'))
        try:
            for test in tests:
                before = len(failures)
                work = os.path.join(tmp, test.__name__)
                os.mkdir(work)
                try:
                    test(binary, golden, cluster, work)
                except Exception as error:  # a test that cannot go on is a failure, the others still run
                    expect(False, f'{test.__name__}: {error!r}')
                print(f'{test.__name__}: {"ok" if len(failures) == before else "FAILED"}', flush=True)
        finally:
            cluster.close()
        if failures and os.environ.get('SERVERS_TEST_KEEP'):
            subprocess.run(['sh', '-c', f'tail -n 60 {tmp}/*/*.log'])
    print(f'{len(tests)} tests, {len(failures)} failure(s)')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
