#!/usr/bin/env python3
"""Column-mapping profiles as a user runs them: the two worked examples of
examples/ imported whole with their profile (the report's figures checked),
`profile check` and `profile init` on them, and the refusals (exit 2, the
place named, nothing written).

usage: profile_cli_test.py AGENCYKPI EXAMPLES_DIR"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

EXIT_REFUSED = 2


def main():
    binary, examples = sys.argv[1], sys.argv[2]
    timesheet = os.path.join(examples, 'timesheet-fr')
    crm = os.path.join(examples, 'crm-visits')
    failures = []
    env = dict(os.environ, LANG='C.UTF-8')

    def run(*args):
        return subprocess.run([binary, *args], capture_output=True, text=True, env=env)

    def expect(cond, what):
        if not cond:
            failures.append(what)

    def expect_equal(got, want, what):
        if got != want:
            failures.append(f'{what}: got {got!r}, want {want!r}')

    with tempfile.TemporaryDirectory() as tmp:
        def report(folder, name):
            db = os.path.join(tmp, name + '.db')
            done = run('import', folder, '--profile', os.path.join(folder, 'profile.json'), '--db', db)
            expect(done.returncode == 0, f'import {name}: exit {done.returncode}: {done.stderr.strip()}')
            expect('warning' not in done.stderr, f'import {name}: no warning: {done.stderr.strip()}')
            shown = run('report', '--db', db, '--period', '2026-03', '--as-of', '2026-03-31', '--format', 'json')
            expect(shown.returncode == 0, f'report {name}: exit {shown.returncode}: {shown.stderr.strip()}')
            return json.loads(shown.stdout) if shown.returncode == 0 else None

        # (a) The French time sheets: 11 entries read, 2 sub-totals, the grand
        # total, the title and a blank line skipped; names, activities, dates
        # and decimal commas mapped.
        data = report(timesheet, 'timesheet')
        if data:
            missions = {m['mission_id']: m for m in data['margin']['missions']}
            expect_equal(missions['M01']['hours'], 24.25, 'M01 hours')
            expect_equal(missions['M02']['hours'], 17.25, 'M02 hours')
            expect_equal(missions['M02']['labor_cost'], 519.0, 'M02 labour cost (8 h × 32.50 + 9.25 h × 28.00)')
            expect_equal(missions['M01']['labor_cost'], 756.63, 'M01 labour cost (17.25 h × 32.50 + 7 h × 28.00)')
            expect_equal(missions['M02']['cost_by_activity']['field'], 358.0, 'M02 field cost')
            expect_equal(missions['M02']['cost_by_activity']['preparation'], 112.0, 'M02 preparation cost')
            expect_equal(missions['M02']['cost_by_activity']['travel'], 49.0, 'M02 travel cost')
            expect_equal(missions['M01']['revenue'], 3000.0, 'M01 revenue')
            clients = {c['client_id']: c for c in data['revenue']['clients']}
            expect_equal(clients['C01']['hours'], 24.25, 'C01 hours')
            expect_equal(clients['C02']['hours'], 17.25, 'C02 hours')
            # The two meetings (no mission) are the overhead pool: 1 h × 32.50 + 1 h × 28.00.
            expect_equal(data['margin']['overhead_pool'], 60.5, 'overhead pool')
        checked = run('check', timesheet, '--profile', os.path.join(timesheet, 'profile.json'))
        expect(checked.returncode == 0, f'check timesheet: exit {checked.returncode}: {checked.stderr.strip()}')
        expect('11 time entries' in checked.stderr, f'check timesheet counts 11 entries: {checked.stderr.strip()}')

        # (b) The field CRM's visits: 8 exported, the cancelled one dropped.
        data = report(crm, 'crm')
        if data:
            clients = {c['client_id']: c for c in data['revenue']['clients']}
            expect_equal(clients['C01']['visits'], 4, 'C01 visits')
            expect_equal(clients['C02']['visits'], 3, 'C02 visits')
        checked = run('check', crm, '--profile', os.path.join(crm, 'profile.json'))
        expect('7 visits' in checked.stderr, f'check crm counts 7 visits: {checked.stderr.strip()}')

        # profile check explains each source column.
        explained = run('profile', 'check', os.path.join(timesheet, 'profile.json'), '--dir', timesheet)
        expect(explained.returncode == 0, f'profile check: exit {explained.returncode}: {explained.stderr.strip()}')
        for line in ["time_entries from export_temps.csv, header on line 3:",
                     "  'Collaborateur' → time_entries.employee_id (reference to employees, 2 values mapped)",
                     "  'Date' → time_entries.date (date, read as DMY)",
                     "  'Durée (h)' → time_entries.hours (hours, 2 decimals, decimal comma)",
                     "  'Commentaire' → ignored",
                     "  rows read: 11",
                     "  rows dropped by skip_when ('Collaborateur'): 3"]:
            expect(line in explained.stdout.splitlines(), f'profile check says {line!r}: {explained.stdout}')
        french = run('profile', 'check', os.path.join(crm, 'profile.json'), '--dir', crm, '--lang', 'fr')
        for line in ["visits depuis export_visites.csv, en-tête ligne 1 :",
                     "  'Statut' → ignorée",
                     "  lignes écartées par skip_when ('Statut') : 1"]:
            expect(line in french.stdout.splitlines(), f'profile check in French says {line!r}: {french.stdout}')

        # Values no map covers are listed, and the import refuses them on the user's line.
        folder = os.path.join(tmp, 'timesheet')
        shutil.copytree(timesheet, folder)
        profile = json.load(open(os.path.join(folder, 'profile.json'), encoding='utf-8'))
        del profile['tables']['time_entries']['columns']['activity']['values']['Réunion']
        json.dump(profile, open(os.path.join(folder, 'profile.json'), 'w', encoding='utf-8'), ensure_ascii=False)
        explained = run('profile', 'check', os.path.join(folder, 'profile.json'), '--dir', folder)
        expect("  values of 'Type d'activité' not mapped yet: 'Réunion' (2)" in explained.stdout.splitlines(),
               f'profile check lists the unmapped value: {explained.stdout}')
        db = os.path.join(tmp, 'refused.db')
        refused = run('import', folder, '--profile', os.path.join(folder, 'profile.json'), '--db', db)
        expect(refused.returncode == EXIT_REFUSED, f'unmapped value: exit {refused.returncode}')
        expect("export_temps.csv:9: activity: invalid activity 'Réunion'" in refused.stderr,
               f'the unmapped value is refused on its line: {refused.stderr.strip()}')
        expect(not os.path.exists(db), 'nothing written')

        # A source column the profile names but the export lacks.
        profile['tables']['time_entries']['columns']['hours'] = 'Heures'
        json.dump(profile, open(os.path.join(folder, 'profile.json'), 'w', encoding='utf-8'), ensure_ascii=False)
        refused = run('check', folder, '--profile', os.path.join(folder, 'profile.json'))
        expect(refused.returncode == EXIT_REFUSED, f'absent source column: exit {refused.returncode}')
        expect("column 'Heures', named by profile.json (tables.time_entries.columns.hours), is not in the header"
               in refused.stderr and 'export_temps.csv' in refused.stderr,
               f'the absent column names the profile and the file: {refused.stderr.strip()}')

        # A profile with mistakes is refused before any file is read, each mistake placed.
        profile['tables']['time_entries']['columns']['hour'] = profile['tables']['time_entries']['columns'].pop('hours')
        profile['tables']['time_entries']['date_order'] = 'JMA'
        json.dump(profile, open(os.path.join(folder, 'profile.json'), 'w', encoding='utf-8'), ensure_ascii=False)
        for command in (['import', folder, '--db', db], ['check', folder], ['profile', 'check', '--dir', folder]):
            args = command + ['--profile', os.path.join(folder, 'profile.json')] if command[0] != 'profile' else \
                command[:2] + [os.path.join(folder, 'profile.json')] + command[2:]
            refused = run(*args)
            expect(refused.returncode == EXIT_REFUSED, f'{command[0]} with a bad profile: exit {refused.returncode}')
            for line in ["profile.json: tables.time_entries.date_order: unknown date order 'JMA' (DMY, MDY or YMD)",
                         "profile.json: tables.time_entries.columns.hour: unknown column 'hour' (columns: "
                         "employee_id, date, hours, activity, mission_id)",
                         "profile.json: tables.time_entries.columns: required column 'hours' is not mapped: name "
                         "its source column or give a constant"]:
                expect(line in refused.stderr.splitlines(), f'{command[0]}: {line!r} in {refused.stderr.strip()}')
        expect(not os.path.exists(db), 'nothing written')
        refused = run('check', folder, '--profile', os.path.join(folder, 'profile.json'), '--lang', 'fr')
        expect("profile.json: tables.time_entries.date_order: ordre de date inconnu 'JMA' (DMY, MDY ou YMD)"
               in refused.stderr.splitlines(), f'in French: {refused.stderr.strip()}')

        # The same time sheets as a sheet of a workbook (real date and number
        # cells, a title above the header): the profile names the sheet, and
        # findings name the cell.
        try:
            import datetime
            import openpyxl
        except ImportError:
            openpyxl = None
            print('note: python3-openpyxl is not installed: the workbook part is skipped')
        if openpyxl:
            book_folder = os.path.join(tmp, 'book')
            shutil.copytree(timesheet, book_folder)
            os.remove(os.path.join(book_folder, 'export_temps.csv'))
            book = openpyxl.Workbook()
            book.active.title = 'Notes'
            book.active.append(['Exporté le 01/04/2026'])
            sheet = book.create_sheet('Temps')
            sheet.append(['Export des temps — mars 2026'])
            sheet.append([])
            sheet.append(['Collaborateur', 'Date', 'Durée (h)', "Type d'activité", 'Code mission'])
            rows = [('MARTIN Léa', 2, 7.5, 'Terrain', 'M01'), ('MARTIN Léa', 3, 1.5, 'Préparation', 'M01'),
                    ('MARTIN Léa', 3, 6, 'Terrain', 'M01'), ('MARTIN Léa', 4, 2.25, 'Déplacement', 'M01'),
                    ('MARTIN Léa', 5, 8, 'Terrain', 'M02'), ('DURAND Paul', 2, '4', 'Préparation', 'M02'),
                    ('DURAND Paul', 2, '3,5', 'Terrain', 'M02'), ('DURAND Paul', 4, 1.75, 'Déplacement', 'M02'),
                    ('DURAND Paul', 6, 7, 'Terrain', 'M01')]
            for who, day, hours, activity, mission in rows:
                sheet.append([who, datetime.date(2026, 3, day), hours, activity, mission])
                sheet.cell(row=sheet.max_row, column=2).number_format = 'DD/MM/YYYY'
            sheet.append(['Total général', None, 41.5])
            book.save(os.path.join(book_folder, 'temps.xlsx'))
            profile = json.load(open(os.path.join(timesheet, 'profile.json'), encoding='utf-8'))
            profile['tables']['time_entries'].update({'file': 'temps.xlsx', 'sheet': 'Temps'})
            json.dump(profile, open(os.path.join(book_folder, 'profile.json'), 'w', encoding='utf-8'), ensure_ascii=False)
            data = report(book_folder, 'book')
            if data:
                missions = {m['mission_id']: m for m in data['margin']['missions']}
                expect_equal(missions['M01']['hours'], 24.25, 'workbook M01 hours')
                expect_equal(missions['M02']['hours'], 17.25, 'workbook M02 hours')
            sheet.cell(row=5, column=3).value = 'beaucoup'
            book.save(os.path.join(book_folder, 'temps.xlsx'))
            refused = run('check', book_folder, '--profile', os.path.join(book_folder, 'profile.json'))
            expect(refused.returncode == EXIT_REFUSED, f'workbook with a bad cell: exit {refused.returncode}')
            expect("temps.xlsx[Temps]!C5: hours: invalid number 'beaucoup'" in refused.stderr,
                   f'the bad cell is named: {refused.stderr.strip()}')
            explained = run('profile', 'check', os.path.join(book_folder, 'profile.json'), '--dir', book_folder)
            expect('time_entries from temps.xlsx[Temps], header on line 3:' in explained.stdout.splitlines(),
                   f'profile check of a sheet: {explained.stdout} {explained.stderr}')
            refused = run('check', os.path.join(book_folder, 'temps.xlsx'), '--profile',
                          os.path.join(book_folder, 'profile.json'))
            expect(refused.returncode == EXIT_REFUSED and 'a profile reads a folder' in refused.stderr,
                   f'a workbook given as the agency with a profile: {refused.returncode} {refused.stderr.strip()}')
            drafted = run('profile', 'init', book_folder)
            draft = json.loads(drafted.stdout) if drafted.returncode == 0 else {'tables': {}}
            table = draft['tables'].get('time_entries', {})
            expect_equal((table.get('file'), table.get('sheet'), table.get('skip_rows')), ('temps.xlsx', 'Temps', 2),
                         'workbook draft')
            expect("temps.xlsx[Notes]: no table recognised from its name or its header: left out"
                   in drafted.stderr.splitlines(), f'init notes the sheet it leaves out: {drafted.stderr.strip()}')

        # profile init drafts each example's profile from its headers.
        drafted = run('profile', 'init', timesheet)
        expect(drafted.returncode == 0, f'profile init: exit {drafted.returncode}: {drafted.stderr.strip()}')
        expect("clients.csv: already in the agency folder's format: read as it is" in drafted.stderr.splitlines(),
               f'init leaves our own files: {drafted.stderr.strip()}')
        draft = json.loads(drafted.stdout) if drafted.returncode == 0 else {'tables': {}}
        expect_equal(list(draft['tables']), ['time_entries'], 'timesheet draft tables')
        table = draft['tables'].get('time_entries', {})
        expect_equal(table.get('file'), 'export_temps.csv', 'draft file')
        expect_equal(table.get('skip_rows'), 2, 'draft skip_rows')
        expect_equal(table.get('skip_when'), {'Collaborateur': ['Total*', 'Sous-total*']}, 'draft skip_when')
        expect_equal(table.get('date_order'), 'DMY', 'draft date order')
        expect_equal(table.get('decimal_mark'), ',', 'draft decimal mark')
        expect_equal(table.get('columns'), {
            'employee_id': 'Collaborateur', 'date': 'Date', 'hours': 'Durée (h)',
            'activity': {'from': "Type d'activité",
                         'values': {'Déplacement': 'travel', 'Préparation': 'preparation', 'Terrain': 'field'}},
            'mission_id': 'Code mission'}, 'draft columns')

        drafted = run('profile', 'init', crm)
        draft = json.loads(drafted.stdout) if drafted.returncode == 0 else {'tables': {}}
        table = draft['tables'].get('visits', {})
        expect_equal(table.get('date_order'), 'DMY', 'crm draft date order')
        expect_equal(table.get('columns'), {
            'visit_id': 'Visite', 'employee_id': 'Commercial', 'mission_id': 'Opération', 'store_id': 'Magasin',
            'date': 'Date de visite',
            'action': {'from': 'Type de visite',
                       'values': {'Animation': 'promotion', 'Mise en place': 'implantation',
                                  'Négociation': 'negotiation', 'Prise de commande': 'order',
                                  'Relevé de prix': 'audit'}}}, 'crm draft columns')

        # Our required columns it cannot match are TODO, which the profile then refuses.
        partial = os.path.join(tmp, 'partial')
        os.mkdir(partial)
        with open(os.path.join(partial, 'temps.csv'), 'w', encoding='utf-8') as out:
            out.write('Salarié;Jour;Tâche\nE01;02/03/2026;Terrain\n')
        out_file = os.path.join(tmp, 'partial.json')
        drafted = run('profile', 'init', partial, '--out', out_file)
        expect(drafted.returncode == 0, f'partial init: exit {drafted.returncode}: {drafted.stderr.strip()}')
        expect('temps.csv: no source column found for time_entries.hours: written as TODO' in drafted.stderr,
               f'init notes the TODO: {drafted.stderr.strip()}')
        draft = json.load(open(out_file, encoding='utf-8')) if os.path.exists(out_file) else {'tables': {}}
        expect_equal(draft['tables'].get('time_entries', {}).get('columns', {}).get('hours'), 'TODO', 'TODO column')
        refused = run('profile', 'check', out_file, '--dir', partial)
        expect("partial.json: tables.time_entries.columns.hours: still TODO: name the source column that holds "
               "'hours', or give a constant" in refused.stderr, f'TODO refused: {refused.stderr.strip()}')
        again = run('profile', 'init', partial, '--out', out_file)
        expect(again.returncode == EXIT_REFUSED and 'exists already' in again.stderr,
               f'init never overwrites: {again.returncode} {again.stderr.strip()}')
        empty = os.path.join(tmp, 'empty')
        os.mkdir(empty)
        expect(run('profile', 'init', empty).returncode == EXIT_REFUSED, 'init of a folder without exports')

    for failure in failures:
        print('FAIL:', failure)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
