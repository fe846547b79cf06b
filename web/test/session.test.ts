import { describe, expect, it } from 'vitest';
import { tabsOf, type Role, type Session } from '../src/session';

const signedIn = (role: Role): Session => ({
  local: false,
  role,
  user: { email: `${role}@agency.test`, name: role, role, clients: role === 'brand' ? ['C01'] : [], disabled: false, created_at: '', last_login_at: null },
  csrf_token: 'x'.repeat(64),
});

describe('the tabs of each role', () => {
  it('a brand account sees its brand review only', () => {
    expect(tabsOf(signedIn('brand'))).toEqual(['bilan']);
  });
  it('a viewer sees every figure but no import and no accounts', () => {
    const tabs = tabsOf(signedIn('viewer'));
    expect(tabs).toContain('margin');
    expect(tabs).not.toContain('import');
    expect(tabs).not.toContain('users');
  });
  it('a manager imports; only an admin manages accounts', () => {
    expect(tabsOf(signedIn('manager'))).toContain('import');
    expect(tabsOf(signedIn('manager'))).not.toContain('users');
    expect(tabsOf(signedIn('admin'))).toContain('users');
  });
  it('a store without accounts shows every tab but accounts; nobody signed in sees nothing but the review', () => {
    const local: Session = { local: true, role: 'admin', user: null, csrf_token: '' };
    expect(tabsOf(local)).toContain('import');
    expect(tabsOf(local)).not.toContain('users');
    expect(tabsOf(null)).toEqual(['bilan']);
  });
});
