import { computed, onMounted, onUnmounted, reactive, ref } from 'vue';
import { listAllEvents } from '@/api/events.js';
import { onLive } from '@/stores/live.js';
import { now } from '@/stores/clock.js';
import { toMs } from '@/utils/time.js';

const FRESH_MS = 3 * 60 * 1000;

/**
 * How many of the event's reporting clocks are overdue: a real obligation past its deadline,
 * as the server's timer recorded it (a list's `clocks` summary) or as an event's view derived
 * it (its `clocks` array). An event with no report for a while is not red by itself.
 */
export function overdueCount(e) {
  if (Array.isArray(e?.clocks)) return e.clocks.filter((c) => c.state === 'overdue').length;
  return e?.clocks?.overdue ?? 0;
}

/** Whether a reporting clock of the event is overdue. */
export function isOverdue(e) {
  return overdueCount(e) > 0;
}

/** How many of the event's clocks are due soon (a list's summary). */
export function dueSoonCount(e) {
  if (Array.isArray(e?.clocks)) return e.clocks.filter((c) => c.state === 'due_soon').length;
  return e?.clocks?.due_soon ?? 0;
}

/**
 * The events the caller may see, kept current by the live stream: a notice refetches the
 * list (coalesced) and marks its event fresh for a few minutes.
 */
export function useEvents() {
  const events = ref([]);
  const loading = ref(true);
  const error = ref(null);
  const freshAt = reactive({});
  let timer = null;

  async function load() {
    try {
      events.value = await listAllEvents({ pageSize: 500 });
      error.value = null;
    } catch (e) {
      error.value = e;
    } finally {
      loading.value = false;
    }
  }

  function refreshSoon() {
    clearTimeout(timer);
    timer = setTimeout(load, 250);
  }

  let off = null;
  onMounted(() => {
    load();
    off = onLive((kind, data) => {
      if (kind === 'report' && data?.event_id) freshAt[data.event_id] = Date.now();
      refreshSoon();
    });
  });
  onUnmounted(() => {
    off?.();
    clearTimeout(timer);
  });

  const isFresh = (id) => freshAt[id] != null && now.value - freshAt[id] < FRESH_MS;
  const sorted = computed(() =>
    [...events.value].sort((a, b) => {
      if ((a.status === 'open') !== (b.status === 'open')) return a.status === 'open' ? -1 : 1;
      return toMs(b.updated_at) - toMs(a.updated_at);
    }),
  );
  return { events, sorted, loading, error, load, isFresh };
}
