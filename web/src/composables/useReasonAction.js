import { reactive, ref } from 'vue';

/**
 * One desk action that needs a reason (resolve, merge, split, undo, confirm/reject a link):
 * the reason, a busy flag and the problems to show beside each field. `run(send)` checks the
 * reason is not blank, calls send(reason) and maps the server's field errors (the reason,
 * and any other field named) or shows its message; answers the result or null.
 */
export function useReasonAction(t) {
  const reason = ref('');
  const busy = ref(false);
  const problem = reactive({ reason: '', fields: {}, general: '' });

  function clear() {
    problem.reason = '';
    problem.fields = {};
    problem.general = '';
  }

  function reset() {
    reason.value = '';
    busy.value = false;
    clear();
  }

  function fail(e) {
    clear();
    if (e?.network) {
      problem.general = t('common.networkDown');
      return;
    }
    const fields = typeof e?.fieldMessages === 'function' ? e.fieldMessages() : {};
    problem.reason = fields.reason || '';
    const rest = { ...fields };
    delete rest.reason;
    problem.fields = rest;
    if (!problem.reason && !Object.keys(rest).length) problem.general = e?.message || t('fusion.failed');
  }

  async function run(send, { check } = {}) {
    clear();
    const text = reason.value.trim();
    const local = check ? check() : null;
    if (local) problem.fields = local;
    if (!text) problem.reason = t('fusion.reasonRequired');
    if (local || !text) return null;
    busy.value = true;
    try {
      return await send(text);
    } catch (e) {
      fail(e);
      return null;
    } finally {
      busy.value = false;
    }
  }

  return { reason, busy, problem, run, reset, fail };
}
