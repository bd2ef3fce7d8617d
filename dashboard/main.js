import { api } from './api.js';
import { $, debounce, toast } from './dom.js';
import { journalPanel } from './journal.js';
import { scenarioPanel } from './scenarios.js';
import { snapshotPanel } from './snapshots.js';
import { usersPanel } from './users.js';

/** The dashboard's entry point: wires the panels to the admin API. No framework, no build step. */
const POLL_MS = 5000;

const users = usersPanel();
const scenarios = scenarioPanel();
const snapshots = snapshotPanel({ onRestore: () => refreshState() });

async function health() {
  const pill = $('health');
  try {
    const { body } = await api('GET', '/__mockchat/health');
    pill.textContent = `${body.users.toLocaleString()} users`;
    pill.className = 'pill';
  } catch (error) {
    pill.textContent = error.status === 401 ? 'admin token needed' : 'server unreachable';
    pill.className = 'pill warn';
  }
}

function refreshState() {
  void health();
  void users.refresh();
  void scenarios.refresh().catch((error) => toast(error.message, 'error'));
}

// A call that may have changed users (a registration, a login) refreshes the table, in bursts.
const changed = debounce(() => {
  void health();
  void users.refresh();
}, 400);
journalPanel({ onEntry: (entry) => entry.method !== 'GET' && changed() });

$('reset').addEventListener('click', async () => {
  try {
    const { body } = await api('POST', '/__mockchat/reset', {});
    toast(`State reset: ${body.users.toLocaleString()} users`);
    refreshState();
  } catch (error) {
    toast(error.message, 'error');
  }
});

refreshState();
void snapshots.refresh().catch(() => undefined);
// Other clients (the CLI, tests) change the scenario too.
setInterval(() => {
  if (document.visibilityState !== 'visible') return;
  void health();
  void scenarios.refresh().catch(() => undefined);
}, POLL_MS);
