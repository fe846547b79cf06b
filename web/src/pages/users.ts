// Accounts (admins only): the list with each account's role, brands, state
// and last sign-in, a form to add one, enabling and disabling, and the
// audit log's recent events.

import { account, type AuditEvent } from '../api';
import type { Account } from '../session';
import { panel, table, type Column } from '../ui/components';
import type { Ctx } from '../ui/context';
import { h } from '../ui/dom';
import { loadInto } from '../ui/load';

const ROLES = ['admin', 'manager', 'viewer', 'brand'] as const;

/** "C01, C02" → ["C01", "C02"]. */
function splitClients(text: string): string[] {
  return text.split(',').map((c) => c.trim()).filter((c) => c !== '');
}

export function renderUsers(ctx: Ctx, root: HTMLElement): Promise<void> {
  return loadInto(
    ctx,
    root,
    () => Promise.all([account.users(), account.audit()]),
    ([{ users }, { events }]) => {
      const reload = () => void renderUsers(ctx, root);
      const status = h('p', { class: 'form-message', role: 'status', 'data-testid': 'users-status' });
      const report = (err: unknown) => {
        status.textContent = err instanceof Error ? err.message : String(err);
      };
      const cols: Column<Account>[] = [
        { key: 'email', label: ctx.t('users_email'), cls: 'strong' },
        { key: 'name', label: ctx.t('users_name') },
        {
          key: 'role',
          label: ctx.t('users_role'),
          render: (u) =>
            h(
              'select',
              {
                'aria-label': `${ctx.t('users_role')} ${u.email}`,
                'data-testid': `role-${u.email}`,
                onchange: (e: Event) =>
                  void account.changeUser(u.email, { role: (e.target as HTMLSelectElement).value }).then(reload, report),
              },
              ROLES.map((r) => h('option', { value: r, selected: r === u.role }, ctx.t(`role_${r}`))),
            ),
        },
        {
          key: 'clients',
          label: ctx.t('users_clients'),
          sortable: false,
          render: (u) =>
            h('input', {
              type: 'text',
              value: u.clients.join(', '),
              'aria-label': `${ctx.t('users_clients')} ${u.email}`,
              'data-testid': `clients-${u.email}`,
              onchange: (e: Event) =>
                void account.changeUser(u.email, { clients: splitClients((e.target as HTMLInputElement).value) }).then(reload, report),
            }),
        },
        { key: 'disabled', label: ctx.t('users_state'), render: (u) => ctx.t(u.disabled ? 'users_disabled' : 'users_active') },
        {
          key: 'last_login_at',
          label: ctx.t('users_last_login'),
          render: (u) => (u.last_login_at ? ctx.fmt.date(u.last_login_at.slice(0, 10)) : ctx.t('users_never')),
        },
        {
          key: 'actions',
          label: '',
          sortable: false,
          render: (u) =>
            h(
              'button',
              {
                type: 'button',
                class: 'btn',
                'data-testid': `toggle-${u.email}`,
                onclick: () => void account.changeUser(u.email, { disabled: !u.disabled }).then(reload, report),
              },
              ctx.t(u.disabled ? 'users_enable' : 'users_disable'),
            ),
        },
      ];
      root.append(panel(ctx.t('users_title'), h('div', null, table(ctx, users, cols, { testid: 'users' }), status)));
      root.append(panel(ctx.t('users_add'), addForm(ctx, reload)));
      const auditCols: Column<AuditEvent>[] = [
        { key: 'at', label: ctx.t('audit_at'), render: (e) => e.at.replace('T', ' ').replace('Z', ' UTC') },
        { key: 'actor', label: ctx.t('audit_actor') },
        { key: 'event', label: ctx.t('audit_event') },
        { key: 'detail', label: ctx.t('audit_detail') },
        { key: 'address', label: ctx.t('audit_address') },
      ];
      root.append(panel(ctx.t('audit_title'), table(ctx, events, auditCols, { testid: 'audit', paramName: 'asort' })));
    },
  );
}

function addForm(ctx: Ctx, done: () => void): HTMLElement {
  const field = (id: string, label: string, input: HTMLElement) =>
    h('div', { class: 'field' }, h('label', { for: id }, label), input);
  const email = h('input', { id: 'new-email', type: 'email', required: true });
  const name = h('input', { id: 'new-name', type: 'text' });
  const role = h('select', { id: 'new-role' }, ROLES.map((r) => h('option', { value: r }, ctx.t(`role_${r}`))));
  const clients = h('input', { id: 'new-clients', type: 'text', placeholder: 'C01, C02' });
  const password = h('input', { id: 'new-password', type: 'password', autocomplete: 'new-password', required: true });
  const message = h('p', { class: 'form-message', role: 'status', 'data-testid': 'users-message' });
  const form = h(
    'form',
    { class: 'user-form', 'data-testid': 'user-form' },
    field('new-email', ctx.t('users_email'), email),
    field('new-name', ctx.t('users_name'), name),
    field('new-role', ctx.t('users_role'), role),
    field('new-clients', ctx.t('users_clients'), clients),
    field('new-password', ctx.t('users_password'), password),
    h('button', { type: 'submit', class: 'btn btn-primary' }, ctx.t('users_add')),
    message,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const list = splitClients(clients.value);
    account
      .addUser({ email: email.value, name: name.value || undefined, role: role.value, clients: list, password: password.value })
      .then((added) => {
        message.textContent = ctx.t('users_added', { email: added.user.email });
        done();
      })
      .catch((err: unknown) => {
        message.textContent = err instanceof Error ? err.message : String(err);
      });
  });
  return form;
}
