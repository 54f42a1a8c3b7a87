/*
 * The page script's drill-down: a tile (or a category in the category table) lists the cases behind it, oldest first,
 * fetched for the scope and year the page shows (`view`, set by load()). Opening moves focus to the list's heading;
 * closing (the button, Escape, or the same tile again) hands it back to the tile.
 */
export const DRILL_GLUE = String.raw`
const onlyConfirmed = (b) => b.status === 'confirmed' || b.status === 'remedied';
const DRILLS = {
  received: { title: 'Inkomna ärenden', figure: 'received' },
  category: { title: 'Ärenden i kategorin', figure: 'received' },
  open: { title: 'Öppna ärenden just nu', list: 'status=open' },
  overdue: { title: 'Försenade ärenden just nu', list: 'status=open&overdue=true' },
  delayNotice: { title: 'Försenade utan förseningsbesked (FL 11 §) just nu', list: 'needsDelayNotice=true' },
  sixMonths: { title: 'Öppna mer än sex månader (FL 12 §) just nu', list: 'openOverSixMonths=true' },
  acknowledged: { title: 'Ärenden som skulle kvitteras', figure: 'acknowledged', onTime: 'Kvitterat i tid' },
  responded: { title: 'Ärenden som skulle besvaras', figure: 'responded', onTime: 'Besvarat i tid' },
  fulfilment: { title: 'Bekräftade garantibrott', breaches: onlyConfirmed },
  breaches: { title: 'Anmälda garantibrott', breaches: () => true },
  remedies: { title: 'Garantibrott med försenad rättelse', breaches: (b) => b.overdueRemedies > 0 },
  undelivered: { title: 'Meddelanden som inte kommit fram', outbox: 'status=failed' },
};
let opener = null;

async function fetchDrill(spec, category) {
  const v = view;
  if (spec.list) {
    const pages = await Promise.all(v.caseQueries.map((q) => api('/api/cases?' + spec.list + '&pageSize=500' + q)));
    const cases = pages.flatMap((p) => p.cases).sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.reference.localeCompare(b.reference));
    return { cases, total: pages.reduce((n, p) => n + p.total, 0) };
  }
  if (spec.outbox) {
    const pages = await Promise.all(v.caseQueries.map((q) => api('/api/admin/outbox?' + spec.outbox + '&pageSize=500' + q)));
    return { messages: pages.flatMap((p) => p.messages), total: pages.reduce((n, p) => n + p.total, 0) };
  }
  if (spec.figure) {
    const only = category === undefined ? '' : '&category=' + encodeURIComponent(category);
    return api('/api/dashboard/cases?year=' + v.year + '&figure=' + spec.figure + v.query + only);
  }
  const lists = await Promise.all(v.caseQueries.map((q) => api('/api/breaches?year=' + v.year + q)));
  const breaches = lists.flatMap((l) => l.breaches).filter(spec.breaches).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  return { breaches, total: breaches.length };
}

function closeDrill() {
  const box = $('drill');
  if (!box) return;
  box.hidden = true;
  box.innerHTML = '';
  delete box.dataset.state;
  for (const b of document.querySelectorAll('[aria-controls="drill"]')) b.setAttribute('aria-expanded', 'false');
  if (opener && document.contains(opener)) opener.focus();
  opener = null;
}

async function openDrill(button, key, category) {
  if (opener === button) return closeDrill();
  closeDrill();
  opener = button;
  button.setAttribute('aria-expanded', 'true');
  const spec = DRILLS[key];
  const now = spec.list || spec.outbox;
  const title = spec.title + (category === undefined ? '' : ' ' + button.textContent) + ' – ' + view.scope + (now ? '' : ', ' + view.year);
  say('Hämtar ' + spec.title.toLowerCase() + ' …');
  try {
    const got = await fetchDrill(spec, category);
    if (opener !== button) return; // closed or another opened meanwhile
    const x = { title, total: got.total, unitNames: view.unitNames, categoryLabels: view.categoryLabels, many: view.many, onTime: spec.onTime };
    const box = $('drill');
    box.innerHTML = got.breaches
      ? drillBreaches(got.breaches, view.texts, x, kit)
      : got.messages
        ? drillMessages(got.messages, x, kit)
        : drillCases(got.cases, x, kit);
    box.hidden = false;
    box.dataset.state = 'loaded';
    say('');
    $('drill-title').focus();
  } catch (err) {
    if (!err.status) console.error(err); // a fault of this script, not an answer of the server
    say(explain(err), true);
    closeDrill();
  }
}

$('content').addEventListener('click', (e) => {
  const tile = e.target.closest('button[data-figure]');
  if (tile) return openDrill(tile, tile.dataset.figure);
  const category = e.target.closest('button[data-category]');
  if (category) return openDrill(category, 'category', category.dataset.category);
  if (e.target.closest('#drill-close')) closeDrill();
});
$('content').addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && e.target.closest('#drill')) closeDrill();
});
`;
