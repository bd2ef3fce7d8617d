import { api } from './api.js';
import { $, h, toast } from './dom.js';

/** Snapshots: the button takes one (`POST /__mockchat/snapshots`); each is listed with a restore button. */
export function snapshotPanel({ onRestore }) {
  const box = $('snapshots');

  async function refresh() {
    const { body } = await api('GET', '/__mockchat/snapshots');
    box.hidden = body.snapshots.length === 0;
    box.replaceChildren(
      h('span', { class: 'label' }, 'Snapshots'),
      ...body.snapshots
        .slice(-8)
        .reverse()
        .map((s) =>
          h(
            'span',
            { class: 'snapshot', 'data-id': s.id },
            h('strong', {}, s.id),
            h('span', { class: 'hint' }, `${s.users} users`),
            h('button', { type: 'button', class: 'btn small ghost', title: `POST /__mockchat/snapshots/${s.id}/restore`, onclick: () => restore(s.id) }, 'Restore'),
          ),
        ),
    );
  }

  async function take() {
    try {
      const { body } = await api('POST', '/__mockchat/snapshots', {});
      toast(`Snapshot ${body.id} taken`);
      await refresh();
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  async function restore(id) {
    try {
      const { body } = await api('POST', `/__mockchat/snapshots/${encodeURIComponent(id)}/restore`, {});
      toast(`Restored ${body.restored}: ${body.users} users`);
      onRestore();
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  $('snapshot').addEventListener('click', take);
  return { refresh };
}
