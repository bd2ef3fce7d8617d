import { api } from './api.js';
import { $, h, toast } from './dom.js';

/**
 * The scenario switcher: every known scenario in a select; choosing one makes it the active
 * set (`PUT /__mockchat/scenario`), "Back to base" restores the base set (`DELETE`).
 */
export function scenarioPanel() {
  const select = /** @type {HTMLSelectElement} */ ($('scenario-select'));
  let known = [];
  let active = [];

  function render() {
    const current = active.join(',');
    const options = [h('option', { value: '' }, 'Base (no scenario)')];
    if (active.length > 1) options.push(h('option', { value: current }, active.join(' + ')));
    for (const s of known) options.push(h('option', { value: s.name, title: s.description }, s.name));
    select.replaceChildren(...options);
    select.value = current;
    $('scenario-active').replaceChildren(...(active.length ? active.map((n) => h('span', { class: 'chip accent' }, n)) : [h('span', { class: 'chip' }, 'base state')]));
    const described = active.map((n) => known.find((s) => s.name === n)?.description).filter(Boolean);
    $('scenario-description').textContent = described.join(' ') || 'The seeded workspace: public registration open, default settings and permissions.';
    document.body.dataset.scenario = current;
  }

  async function refresh() {
    const { body } = await api('GET', '/__mockchat/scenarios');
    known = body.scenarios;
    active = body.active;
    if (document.activeElement !== select) render();
  }

  async function apply(name) {
    try {
      const { body } = name ? await api('PUT', '/__mockchat/scenario', { name }) : await api('DELETE', '/__mockchat/scenario');
      active = body.active;
      render();
      toast(active.length ? `Scenario: ${active.join(', ')}` : 'Back to the base scenario');
    } catch (error) {
      toast(error.message, 'error');
      await refresh();
    }
  }

  select.addEventListener('change', () => apply(select.value));
  $('scenario-clear').addEventListener('click', () => apply(''));
  return { refresh };
}
