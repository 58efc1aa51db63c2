import { reactive } from 'vue';
import { listLinkTasks } from '@/api/links.js';
import { onLive } from '@/stores/live.js';
import { can } from '@/stores/session.js';

// The desk's confirm-link queue, shared by the navigation badge and the queue page. Refetched
// (coalesced) when the live stream says an event changed or a first report arrived.
export const linkTasks = reactive({ tasks: [], loaded: false, loading: false, error: null });

let timer = null;
let inflight = null;
let off = null;

export function refreshLinkTasks() {
  if (!can('fuse')) return Promise.resolve([]);
  if (inflight) return inflight;
  linkTasks.loading = true;
  inflight = listLinkTasks()
    .then((tasks) => {
      linkTasks.tasks = tasks.filter((x) => !x.status || x.status === 'pending');
      linkTasks.error = null;
      return linkTasks.tasks;
    })
    .catch((e) => {
      linkTasks.error = e;
      return linkTasks.tasks;
    })
    .finally(() => {
      linkTasks.loaded = true;
      linkTasks.loading = false;
      inflight = null;
    });
  return inflight;
}

export function refreshLinkTasksSoon(delay = 300) {
  clearTimeout(timer);
  timer = setTimeout(refreshLinkTasks, delay);
}

/** Starts following the queue for a desk session (idempotent); answers a stop function. */
export function followLinkTasks() {
  if (!off) {
    refreshLinkTasks();
    off = onLive((kind, data) => {
      // Only a first report can be linked provisionally; follow-ups join their unit's series.
      if (kind === 'event' || kind === 'resync' || (kind === 'report' && data?.kind === 'first')) refreshLinkTasksSoon();
    });
  }
  return stopLinkTasks;
}

export function stopLinkTasks() {
  off?.();
  off = null;
  clearTimeout(timer);
  linkTasks.tasks = [];
  linkTasks.loaded = false;
}

/** Drops a decided task at once (the refetch follows). */
export function forgetLinkTask(id) {
  linkTasks.tasks = linkTasks.tasks.filter((x) => String(x.id) !== String(id));
}
