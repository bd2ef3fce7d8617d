import { api, eventsUrl } from './api.js';
import { $, clock, h, toast } from './dom.js';

const MAX_ROWS = 300;

/**
 * The live journal: the last calls from `GET /__mockchat/events` (server-sent events; the
 * browser reconnects by itself and the server resumes after the last seen event id), newest on top.
 * Clicking a row shows the redacted arguments and answer.
 * @param {{ onEntry: (entry: any) => void }} hooks
 */
export function journalPanel({ onEntry }) {
  const body = $('journal-body');
  const pauseButton = $('journal-pause');
  const seen = new Set();
  const held = [];
  let paused = false;
  let count = 0;

  /** @param {any} entry @param {string} id the event id (`RUN-SEQ`: seq starts again when the server restarts) */
  function add(entry, id) {
    if (seen.has(id)) return;
    seen.add(id);
    if (paused) {
      held.push(entry);
      pauseButton.textContent = `Resume (${held.length})`;
      return;
    }
    show(entry);
  }

  /** Puts one (already deduplicated) entry on top of the journal. @param {any} entry */
  function show(entry) {
    body.prepend(entryRow(entry));
    while (body.childElementCount > MAX_ROWS) body.lastElementChild?.remove();
    count += 1;
    $('journal-count').textContent = `${count.toLocaleString()} ${count === 1 ? 'call' : 'calls'}`;
    $('journal-empty').hidden = true;
    onEntry(entry);
  }

  function connect() {
    const source = new EventSource(eventsUrl(100));
    const live = $('live');
    source.addEventListener('open', () => {
      live.textContent = 'live';
      live.className = 'pill ok';
    });
    source.addEventListener('error', () => {
      live.textContent = source.readyState === EventSource.CLOSED ? 'disconnected' : 'reconnecting';
      live.className = 'pill warn';
    });
    source.addEventListener('request', (e) => {
      const event = /** @type {MessageEvent} */ (e);
      add(JSON.parse(event.data), event.lastEventId);
    });
  }

  pauseButton.addEventListener('click', () => {
    paused = !paused;
    pauseButton.setAttribute('aria-pressed', String(paused));
    pauseButton.textContent = paused ? 'Resume' : 'Pause';
    if (!paused) for (const entry of held.splice(0)) show(entry);
  });
  $('journal-clear').addEventListener('click', async () => {
    try {
      await api('DELETE', '/__mockchat/requests');
      body.replaceChildren();
      count = 0;
      $('journal-count').textContent = '0 calls';
      $('journal-empty').hidden = false;
      $('journal-detail').hidden = true;
    } catch (error) {
      toast(error.message, 'error');
    }
  });
  connect();
}

function entryRow(e) {
  const tr = h(
    'tr',
    { class: `entry ${failed(e) ? 'failed' : ''}`, 'data-seq': String(e.seq), 'data-operation': e.operation, tabindex: '0' },
    h('td', { class: 'mono muted', title: e.time }, clock(e.time)),
    h('td', {}, h('span', { class: `badge ${e.transport}` }, e.transport === 'ddp' ? 'DDP' : e.method)),
    h(
      'td',
      { class: 'operation' },
      h('span', { class: 'mono' }, e.operation),
      e.transport === 'http' && e.path !== e.operation ? h('span', { class: 'sub mono' }, e.path) : null,
      e.sandbox ? h('span', { class: 'chip' }, e.sandbox) : null,
    ),
    h('td', {}, result(e)),
    h('td', { class: 'num mono muted' }, e.durationMs.toFixed(1)),
  );
  const show = () => {
    const detail = $('journal-detail');
    detail.hidden = false;
    detail.textContent = JSON.stringify({ operation: e.operation, method: e.method, path: e.path, status: e.status, error: e.error, args: e.args, response: e.response }, null, 2);
    for (const el of document.querySelectorAll('tr.entry.selected')) el.classList.remove('selected');
    tr.classList.add('selected');
  };
  tr.addEventListener('click', show);
  tr.addEventListener('keydown', (ev) => ev.key === 'Enter' && show());
  return tr;
}

const failed = (e) => e.error !== undefined || (e.status ?? 200) >= 400;

/** A status pill (HTTP status, or the DDP outcome) and the error id under it. */
function result(e) {
  const ddp = e.transport === 'ddp';
  const tone = ddp ? (e.error !== undefined ? 's4' : e.response === undefined ? 's0' : 's2') : `s${String(e.status ?? 0)[0]}`;
  const label = ddp ? (e.error !== undefined ? 'error' : e.response === undefined ? 'no answer' : 'result') : String(e.status);
  const error = e.error !== undefined ? h('span', { class: 'sub mono', title: String(e.error) }, String(e.error)) : null;
  return h('span', { class: 'result' }, h('span', { class: `status ${tone}` }, label), error);
}
