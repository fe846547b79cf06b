// The sign-in form, shown instead of the dashboard while nobody is signed in
// to a store that has accounts. On success the caller renders the dashboard.

import { account, ApiError } from '../api';
import { t } from '../i18n';
import type { Session } from '../session';
import type { Lang } from '../state';
import { h } from '../ui/dom';

const SECONDS_PER_MINUTE = 60;

export function renderLogin(root: HTMLElement, lang: Lang, onSignedIn: (s: Session) => void): void {
  const email = h('input', { id: 'login-email', type: 'email', name: 'email', autocomplete: 'username', required: true });
  const password = h('input', {
    id: 'login-password',
    type: 'password',
    name: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const message = h('p', { class: 'login-error', role: 'alert', 'data-testid': 'login-error' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t(lang, 'login_submit'));
  const form = h(
    'form',
    { class: 'login-form', 'data-testid': 'login-form', novalidate: true },
    h('h1', null, t(lang, 'login_title')),
    h('p', { class: 'muted' }, t(lang, 'login_intro')),
    h('label', { for: 'login-email' }, t(lang, 'login_email')),
    email,
    h('label', { for: 'login-password' }, t(lang, 'login_password')),
    password,
    message,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit.disabled = true;
    message.textContent = '';
    account
      .login(email.value, password.value)
      .then((done) =>
        onSignedIn({ local: false, role: done.user.role, user: done.user, csrf_token: done.csrf_token }),
      )
      .catch((err: unknown) => {
        password.value = '';
        if (err instanceof ApiError && err.status === 429) {
          const seconds = Number((err.details as { retry_after?: number }).retry_after ?? SECONDS_PER_MINUTE);
          message.textContent = t(lang, 'login_throttled', { minutes: Math.ceil(seconds / SECONDS_PER_MINUTE) });
        } else if (err instanceof ApiError && err.status === 401) {
          message.textContent = t(lang, 'login_failed');
        } else {
          message.textContent = err instanceof Error ? err.message : String(err);
        }
      })
      .finally(() => {
        submit.disabled = false;
      });
  });
  root.append(h('main', { class: 'content login', id: 'content', 'data-page': 'login', 'data-ready': 'true' }, form));
  email.focus();
}
