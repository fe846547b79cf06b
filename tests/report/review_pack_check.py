"""What the brand review's pack tests share: running agencykpi, the review's
JSON, and its figures written as a French or English reader sees them
(computed here, apart from the product's own formatting code)."""
import json
import os
import subprocess
import tempfile

# The case of the issue: brand C01 of the golden folder bilan-marque.
CASE = ['--client', 'C01', '--period', '2026-H1', '--as-of', '2026-06-30']
# Spaces the packs use: narrow no-break (thousands, units) and no-break.
SPACES = {'\u202f': ' ', '\u00a0': ' '}


def run(binary, args, check=True):
    done = subprocess.run([binary] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if check and done.returncode != 0:
        raise AssertionError(f'agencykpi {" ".join(args)} exited {done.returncode}: {done.stderr.decode()}')
    return done


def review_json(binary, folder, lang='fr'):
    return json.loads(run(binary, ['review', '--data', folder] + CASE + ['--lang', lang, '--format', 'json']).stdout)


def write_pack(binary, folder, fmt, out, lang='fr'):
    run(binary, ['review', '--data', folder] + CASE + ['--lang', lang, '--format', fmt, '--out', out])
    with open(out, 'rb') as f:
        return f.read()


def plain_spaces(text):
    for special, plain in SPACES.items():
        text = text.replace(special, plain)
    return text


def grouped(value, decimals, thousands, point):
    text = f'{abs(value):,.{decimals}f}'.replace(',', '\0').replace('.', point).replace('\0', thousands)
    return ('-' if value < 0 else '') + text


def money(value, lang):
    return grouped(value, 2, ' ', ',') + ' €' if lang == 'fr' else '€' + grouped(value, 2, ',', '.')


def percent(ratio, lang):
    number = f'{ratio * 100:.1f}'
    return number.replace('.', ',') + ' %' if lang == 'fr' else number + '%'


def points(difference, lang):
    number = f'{difference * 100:+.1f}'
    return number.replace('.', ',') + ' pts' if lang == 'fr' else number + ' pp'


class Checker:
    """Counts the checks made, so a run that checked nothing fails."""

    def __init__(self):
        self.checks = 0
        self.failures = []

    def expect(self, condition, message):
        self.checks += 1
        if not condition:
            self.failures.append(message)

    def finish(self, least):
        for failure in self.failures:
            print('FAIL:', failure)
        print(f'{self.checks} checks, {len(self.failures)} failed')
        if self.checks < least:
            print(f'FAIL: expected at least {least} checks')
            return 1
        return 1 if self.failures else 0


def written_twice(c, binary, folder, fmt, tmp):
    """The pack of the case written twice: its bytes, checked to be the same."""
    first = write_pack(binary, folder, fmt, path_in(tmp, 'a.' + fmt))
    second = write_pack(binary, folder, fmt, path_in(tmp, 'b.' + fmt))
    c.expect(first == second, f'two runs give different {fmt} bytes')
    return first


def the_case(argv):
    """From the command line (AGENCYKPI GOLDEN_DIR): the binary, the folder of
    the case, a new Checker and the review's JSON."""
    binary, golden = argv[1], argv[2]
    folder = golden + '/bilan-marque'
    return binary, folder, Checker(), review_json(binary, folder)


def temp_dir():
    return tempfile.TemporaryDirectory(prefix='agencykpi-pack-')


def path_in(folder, name):
    return os.path.join(folder, name)
