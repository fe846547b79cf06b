import { describe, expect, it } from 'vitest';
import { listApiParams, listParamChange, readListOptions } from '../src/list-query';
import { TEAM_DEFAULT_SORT } from '../src/workload';

describe('a list page in the URL', () => {
  it('takes the default sort when the URL has none, the top rows only, no search or filter', () => {
    expect(readListOptions({}, '', TEAM_DEFAULT_SORT)).toEqual({ sort: '-occupancy', q: '', filters: {}, all: false });
  });
  it('reads its own options by prefix and leaves the others', () => {
    const params = { sort: '-hours', q: 'lumi', 'f.flags': 'loss,unbilled', all: '1', fsort: 'billing_gap', 'ff.client_id': 'C01' };
    expect(readListOptions(params, '', 'full_margin')).toEqual({ sort: '-hours', q: 'lumi', filters: { flags: 'loss,unbilled' }, all: true });
    expect(readListOptions(params, 'f', 'billing_gap')).toEqual({ sort: 'billing_gap', q: '', filters: { client_id: 'C01' }, all: false });
  });
  it('writes a change: the default sort and empty values leave the URL', () => {
    expect(listParamChange('', { sort: 'full_margin' }, 'full_margin')).toEqual({ sort: undefined });
    expect(listParamChange('', { sort: '-revenue', q: '  ', all: true, filters: { flags: '' } }, 'full_margin')).toEqual({ sort: '-revenue', q: undefined, all: '1', 'f.flags': undefined });
    expect(listParamChange('f', { q: 'M0012 ', all: false }, 'x')).toEqual({ fq: 'M0012', fall: undefined });
  });
});

describe('a list page asked of the API', () => {
  it('sends the section, the page, the sort, the search and each filter as filter.KEY, the fixed ones included', () => {
    const options = { sort: '-status,-revenue', q: ' Lumière ', filters: { status: 'lost,pending' }, all: false };
    expect(listApiParams({ period: '2026-H1', as_of: '2026-06-30' }, 'recurrence', options, { fee: 'present' }, 0, 20)).toEqual({
      period: '2026-H1',
      as_of: '2026-06-30',
      section: 'recurrence',
      offset: '0',
      limit: '20',
      sort: '-status,-revenue',
      q: 'Lumière',
      'filter.status': 'lost,pending',
      'filter.fee': 'present',
    });
  });
});
