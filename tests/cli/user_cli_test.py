#!/usr/bin/env python3
"""`agencykpi user` and `serve` as an administrator runs them: accounts added
with the password on standard input (never on the command line), listed,
disabled, re-enabled, granted clients; refusals (exit 2 naming the problem);
and `serve` refusing an address beyond this machine while the store has no
account, then starting once an admin exists.

usage: user_cli_test.py AGENCYKPI GOLDEN_DIR"""
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time

EXIT_REFUSED = 2
PASSWORD = 'a long enough password\n'


def main():
    binary, golden = sys.argv[1], sys.argv[2]
    failures = []

    def expect(cond, what):
        if not cond:
            failures.append(what)

    def run(*args, stdin=''):
        return subprocess.run([binary, *args], input=stdin, capture_output=True, text=True, timeout=60)

    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, 'agency.db')
        imported = run('import', os.path.join(golden, 'agence-exemple'), '--db', db)
        expect(imported.returncode == 0, f'import: {imported.stderr}')

        # serve beyond loopback without an account: refused, saying how to add one.
        refused = run('serve', '--db', db, '--host', '0.0.0.0', '--port', '0')
        expect(refused.returncode == EXIT_REFUSED, f'serve 0.0.0.0 without accounts exits 2, not {refused.returncode}')
        expect('agencykpi user add' in refused.stderr, f'the refusal says how to add an admin: {refused.stderr}')

        added = run('user', 'add', '--db', db, '--email', 'Boss@Agency.test', '--role', 'admin', stdin=PASSWORD)
        expect(added.returncode == 0, f'user add exits 0: {added.stderr}')
        brand = run('user', 'add', '--db', db, '--email', 'brand@c01.test', '--role', 'brand', '--client', 'C01',
                    stdin=PASSWORD)
        expect(brand.returncode == 0, f'user add brand exits 0: {brand.stderr}')

        refusals = [
            (['user', 'add', '--db', db, '--email', 'boss@agency.test', '--role', 'viewer'], PASSWORD, 'exists'),
            (['user', 'add', '--db', db, '--email', 'x@agency.test', '--role', 'brand'], PASSWORD, '--client'),
            (['user', 'add', '--db', db, '--email', 'not-an-email', '--role', 'viewer'], PASSWORD, 'email'),
            (['user', 'add', '--db', db, '--email', 'short@agency.test', '--role', 'viewer'], 'short\n', '10'),
            (['user', 'add', '--db', db, '--email', 'none@agency.test', '--role', 'viewer'], '', 'password'),
            (['user', 'disable', '--db', db, '--email', 'nobody@agency.test'], '', 'nobody@agency.test'),
        ]
        for args, stdin, named in refusals:
            done = run(*args, stdin=stdin)
            expect(done.returncode == EXIT_REFUSED, f'{args[1:]}: exit {done.returncode}, not 2 ({done.stderr.strip()})')
            expect(named in done.stderr, f'{args[1:]}: the message names {named}: {done.stderr.strip()}')
        has_option = run('user', 'add', '--db', db, '--email', 'p@agency.test', '--role', 'viewer',
                         '--password', 'secret-on-argv')
        expect(has_option.returncode != 0, 'there is no --password option')

        listed = run('user', 'list', '--db', db)
        lines = listed.stdout.strip().split('\n')
        expect(len(lines) == 2, f'two accounts listed: {listed.stdout}')
        expect(lines[0].startswith('boss@agency.test\tadmin\tactive'), f'emails are kept in lower case: {lines[0]}')
        expect('\tC01\t' in lines[1], f'the brand account lists its client: {lines[1]}')

        expect(run('user', 'disable', '--db', db, '--email', 'brand@c01.test').returncode == 0, 'disable exits 0')
        expect('\tdisabled\t' in run('user', 'list', '--db', db).stdout, 'a disabled account is listed so')
        expect(run('user', 'enable', '--db', db, '--email', 'brand@c01.test').returncode == 0, 'enable exits 0')
        granted = run('user', 'grant', '--db', db, '--email', 'brand@c01.test', '--client', 'C01', '--client', 'C03')
        expect(granted.returncode == 0, f'grant exits 0: {granted.stderr}')
        expect('\tC01,C03\t' in run('user', 'list', '--db', db).stdout, 'grant sets the clients')
        passwd = run('user', 'passwd', '--db', db, '--email', 'brand@c01.test', stdin='another long password\n')
        expect(passwd.returncode == 0, f'passwd exits 0: {passwd.stderr}')

        with sqlite3.connect(db) as con:
            hashes = [row[0] for row in con.execute('SELECT password_hash FROM users')]
            events = [row[0] for row in con.execute('SELECT event FROM audit_log ORDER BY id')]
        expect(len(hashes) == 2 and all(h.startswith('$argon2id$') for h in hashes), f'Argon2id hashes: {hashes}')
        expect(not any('long enough' in h for h in hashes), 'no password in the clear')
        expect(events == ['user_added', 'user_added', 'user_disable', 'user_enable', 'user_grant', 'user_passwd'],
               f'the audit log records each change: {events}')

        # With an admin, serve may listen beyond loopback.
        with socket.socket() as probe:
            probe.bind(('127.0.0.1', 0))
            port = probe.getsockname()[1]
        server = subprocess.Popen([binary, 'serve', '--db', db, '--host', '0.0.0.0', '--port', str(port)],
                                  stderr=subprocess.PIPE, text=True)
        try:
            started = False
            for _ in range(100):
                try:
                    socket.create_connection(('127.0.0.1', port), timeout=0.2).close()
                    started = True
                    break
                except OSError:
                    time.sleep(0.05)
            expect(started, 'serve listens on 0.0.0.0 once an admin exists')
        finally:
            server.terminate()
            server.wait(timeout=10)

    for failure in failures:
        print('FAIL:', failure)
    print(f'{len(failures)} failure(s)')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
