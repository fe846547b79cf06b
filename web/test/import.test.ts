import { describe, expect, it } from 'vitest';
import { importUrl } from '../src/api';
import { buildUpload, issueText } from '../src/pages/import';

describe('import in the dashboard language', () => {
  it('asks the API for the messages in the current language', () => {
    expect(importUrl('fr')).toBe('api/v1/import?lang=fr');
    expect(importUrl('en')).toBe('api/v1/import?lang=en');
  });

  it('shows the server line as it is, French and hint included', () => {
    const text = "invoices.csv:2: amount: nombre invalide '1 234,50 €' ; indice : retirez le symbole monétaire : écrivez 1234,50";
    expect(issueText({ file: 'invoices.csv', line: 2, column: 'amount', code: 'invalid_number', message: "nombre invalide '1 234,50 €'", hint: 'retirez le symbole monétaire : écrivez 1234,50', text })).toBe(text);
  });

  it('builds the line from its parts without a text', () => {
    expect(issueText({ file: 'invoices.csv', line: 2, column: 'amount', message: "nombre invalide '12,5 %'", hint: 'écrivez 12,5', text: '' })).toBe(
      "invoices.csv:2: amount: nombre invalide '12,5 %' — écrivez 12,5",
    );
    expect(issueText({ file: 'clients.csv', line: 0, column: '', message: 'le fichier manque (il est obligatoire)', text: '' })).toBe(
      'clients.csv: le fichier manque (il est obligatoire)',
    );
    expect(issueText({ file: 'agence.xlsx[Factures]', line: 12, cell: 'C12', column: 'amount', message: 'bad', text: '' })).toBe(
      'agence.xlsx[Factures]!C12: amount: bad',
    );
  });

  it('sends CSV files and workbooks, nothing else', () => {
    const file = (name: string) => new File(['x'], name);
    const upload = buildUpload([file('clients.csv'), file('Factures.XLSX'), file('notes.txt'), file('a.xlsm')]);
    expect(upload?.names).toEqual(['clients.csv', 'Factures.XLSX', 'a.xlsm']);
    expect(buildUpload([file('notes.txt')])).toBeNull();
  });
});
