import { describe, expect, it } from 'vitest';
import { reportXlsxUrl } from '../src/api';

describe('the report workbook link', () => {
  it('asks for the view’s period and as-of in the dashboard language', () => {
    expect(reportXlsxUrl({ period: '2026-H1', as_of: '2026-06-30' }, 'fr')).toBe(
      'api/v1/report.xlsx?period=2026-H1&as_of=2026-06-30&lang=fr',
    );
    expect(reportXlsxUrl({ as_of: '2026-03-31' }, 'en')).toBe('api/v1/report.xlsx?as_of=2026-03-31&lang=en');
  });

  it('takes the dashboard language over a lang in the parameters', () => {
    expect(reportXlsxUrl({ lang: 'en' }, 'fr')).toBe('api/v1/report.xlsx?lang=fr');
  });
});
