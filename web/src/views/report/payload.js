import { fromLocalInput } from '../../utils/time.js';

// Turns the form into a report (CONTRACTS §1). Empty text is left out, so the server names a
// missing field as missing; numbers typed as text become numbers.

const text = (s) => (typeof s === 'string' && s.trim() ? s.trim() : undefined);

function figures(values) {
  const out = {};
  for (const [code, v] of Object.entries(values || {})) {
    if (v === '' || v == null) continue;
    const n = Number(v);
    out[code] = Number.isFinite(n) ? n : v;
  }
  return out;
}

function sensitive(s) {
  const out = {};
  for (const k of ['persons', 'places', 'behaviours', 'times']) if (s?.[k]?.length) out[k] = [...s[k]];
  return Object.keys(out).length ? out : undefined;
}

export function buildReport(form, { channel }) {
  const base = {
    kind: form.kind,
    unit: text(form.unit),
    channel,
    description: text(form.description),
    cause: text(form.cause),
    measures: text(form.measures),
    figures: figures(form.figures),
  };
  if (form.kind === 'first') {
    const location = { region: text(form.region), address: text(form.address) };
    if (form.lat != null && form.lon != null && form.lat !== '' && form.lon !== '') {
      location.lat = Number(form.lat);
      location.lon = Number(form.lon);
    }
    Object.assign(base, {
      category: text(form.category),
      title: text(form.title),
      occurred_at: text(fromLocalInput(form.occurred_at)),
      location,
      parties: text(form.parties),
      sensitive: sensitive(form.sensitive),
    });
  } else {
    base.event_id = form.event_id;
    if (form.kind === 'correction') base.supersedes = form.supersedes || undefined;
  }
  return JSON.parse(JSON.stringify(base)); // drops undefined
}

/** An empty form of the given kind. */
export function emptyForm(kind = 'first') {
  return {
    kind,
    event_id: null,
    unit: '',
    category: '',
    title: '',
    occurred_at: '',
    region: '',
    address: '',
    lat: null,
    lon: null,
    parties: '',
    description: '',
    cause: '',
    measures: '',
    supersedes: null,
    figures: {},
    sensitive: { persons: [], places: [], behaviours: [], times: [] },
  };
}
