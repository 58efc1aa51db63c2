import { onMounted, onUnmounted, ref } from 'vue';
import { getEvent } from '@/api/events.js';
import { getReport } from '@/api/reports.js';
import { onLive } from '@/stores/live.js';
import { toMs } from '@/utils/time.js';

const WINDOW_MS = 24 * 3600 * 1000;
const MAX_EVENTS = 20;
const MAX_ITEMS = 60;

function item(r, title) {
  return {
    id: r.id,
    event_id: r.event_id,
    kind: r.kind,
    sequence: r.sequence,
    unit: r.unit,
    unit_name: r.unit_name,
    channel: r.channel,
    received_at: r.received_at,
    title: title || r.title,
  };
}

/**
 * The latest reports across the caller's events, newest first, with live additions.
 * Until the server lists reports directly, the first page is gathered from the events
 * updated in the last 24 hours (`events` is a ref of event summaries).
 */
export function useRecentReports(events) {
  const items = ref([]);
  const freshIds = ref(new Set());
  const loading = ref(true);

  async function load() {
    const since = Date.now() - WINDOW_MS;
    const recent = events.value.filter((e) => toMs(e.updated_at) >= since).slice(0, MAX_EVENTS);
    const details = await Promise.allSettled(recent.map((e) => getEvent(e.id)));
    const out = [];
    for (const d of details) {
      if (d.status !== 'fulfilled') continue;
      for (const r of d.value.reports) if (toMs(r.received_at) >= since) out.push(item(r, d.value.title));
    }
    out.sort((a, b) => toMs(b.received_at) - toMs(a.received_at) || b.id - a.id);
    const live = items.value.filter((i) => freshIds.value.has(i.id) && !out.some((o) => o.id === i.id));
    items.value = [...live, ...out].slice(0, MAX_ITEMS);
    loading.value = false;
  }

  async function add(notice) {
    if (items.value.some((i) => i.id === notice.report_id)) return;
    try {
      const r = await getReport(notice.report_id);
      const ev = events.value.find((e) => e.id === r.event_id);
      freshIds.value = new Set([...freshIds.value, r.id]);
      items.value = [item(r, ev?.title), ...items.value.filter((i) => i.id !== r.id)].slice(0, MAX_ITEMS);
    } catch {
      /* the next resync shows it */
    }
  }

  let off = null;
  onMounted(() => {
    off = onLive((kind, data) => {
      if (kind === 'report') add(data);
      else if (kind === 'resync') load();
    });
  });
  onUnmounted(() => off?.());

  return { items, freshIds, loading, load };
}
