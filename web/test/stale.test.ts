import { describe, expect, it } from 'vitest';
import { staleUntil } from '../src/stale';

describe('stale data', () => {
  it('is said when the period is seen past the data’s last day', () => {
    expect(staleUntil('2026-12-31', '2026-12-02', '2026-06-30')).toBe('2026-06-30');
  });
  it('is not said when the view stops at or before the last day', () => {
    expect(staleUntil('2026-06-30', '2026-12-02', '2026-06-30')).toBeNull();
    expect(staleUntil('2026-12-31', '2026-06-30', '2026-06-30')).toBeNull();
    expect(staleUntil('2025-12-31', '2026-12-02', '2026-06-30')).toBeNull();
  });
  it('is not said without dated data', () => {
    expect(staleUntil('2026-12-31', '2026-12-02', null)).toBeNull();
  });
});
