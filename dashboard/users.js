import { AdminError, api } from './api.js';
import { $, day, debounce, h } from './dom.js';

const PAGE_SIZE = 20;

/**
 * The users table over the data API: `GET /__mockchat/db/users?q=&_page=&_limit=` answers one
 * page of sanitized users and the total in `X-Total-Count`. The search box is debounced; an
 * answer to an older query than the last one sent is dropped.
 */
export function usersPanel() {
  const search = /** @type {HTMLInputElement} */ ($('users-search'));
  let query = '';
  let page = 1;
  let pages = 1;
  let sent = 0;

  async function load() {
    const ticket = ++sent;
    const q = new URLSearchParams({ _page: String(page), _limit: String(PAGE_SIZE) });
    if (query) q.set('q', query);
    const started = performance.now();
    try {
      const { body, headers } = await api('GET', `/__mockchat/db/users?${q}`);
      if (ticket !== sent) return;
      const total = Number(headers.get('x-total-count') ?? body.length);
      pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
      render(body, total, performance.now() - started);
    } catch (error) {
      if (ticket !== sent) return;
      const missing = error instanceof AdminError && error.status === 404;
      $('users-body').replaceChildren(row(missing ? 'This server has no data API (/__mockchat/db).' : error.message));
      $('users-total').textContent = '—';
    }
  }

  function render(users, total, ms) {
    const plural = total === 1 ? 'user' : 'users';
    $('users-total').textContent = query ? `${total.toLocaleString()} ${plural} match` : `${total.toLocaleString()} ${plural}`;
    $('users-total').dataset.total = String(total);
    $('users-page').textContent = `Page ${page.toLocaleString()} of ${pages.toLocaleString()}`;
    $('users-time').textContent = `${Math.round(ms)} ms`;
    /** @type {HTMLButtonElement} */ ($('users-prev')).disabled = page <= 1;
    /** @type {HTMLButtonElement} */ ($('users-next')).disabled = page >= pages;
    $('users-body').replaceChildren(...(users.length ? users.map(userRow) : [row(query ? `No user matches “${query}”.` : 'No users.')]));
  }

  const go = (to) => {
    page = Math.min(Math.max(1, to), pages);
    void load();
  };
  search.addEventListener(
    'input',
    debounce(() => {
      query = search.value.trim();
      page = 1;
      void load();
    }, 250),
  );
  $('users-prev').addEventListener('click', () => go(page - 1));
  $('users-next').addEventListener('click', () => go(page + 1));
  return { refresh: load };
}

function userRow(u) {
  const emails = Array.isArray(u.emails) ? u.emails : [];
  const first = emails[0];
  const address = typeof first === 'string' ? first : first?.address;
  const roles = Array.isArray(u.roles) ? u.roles : [];
  return h(
    'tr',
    { 'data-username': u.username ?? '' },
    h(
      'td',
      { class: 'who' },
      h('span', { class: 'avatar', 'aria-hidden': 'true' }, (u.username ?? u.name ?? '?').slice(0, 1).toUpperCase()),
      h('span', {}, h('span', { class: 'mono' }, u.username ?? '—'), h('span', { class: 'sub' }, u.name ?? '')),
    ),
    h('td', { class: 'email' }, address ?? '—', first?.verified ? h('span', { class: 'verified', title: 'verified' }, ' ✓') : null),
    h('td', {}, ...roles.map((r) => h('span', { class: `chip ${r === 'admin' ? 'accent' : ''}` }, r))),
    h('td', {}, h('span', { class: `dot ${u.active === false ? 'off' : 'on'}` }), u.active === false ? 'inactive' : 'active'),
    h('td', { class: 'muted' }, day(u.createdAt)),
  );
}

const row = (text) => h('tr', {}, h('td', { class: 'empty', colspan: '5' }, text));
