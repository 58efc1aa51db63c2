import { ref } from 'vue';

/**
 * One form sent to the server: the problems to show beside each field (`errors`, by field
 * name), one general problem, and a busy flag. `submit(local, send)` shows `local` (the
 * browser's own checks, by field) and stops when there is any; otherwise calls send() and
 * maps the server's field errors, or shows its message (or that the network is down). Answers
 * what send() answered, or null.
 */
export function useFormSubmit(t) {
  const errors = ref({});
  const problem = ref('');
  const busy = ref(false);

  function reset() {
    errors.value = {};
    problem.value = '';
  }

  async function submit(local, send) {
    problem.value = '';
    errors.value = local || {};
    if (Object.keys(errors.value).length) return null;
    busy.value = true;
    try {
      return await send();
    } catch (e) {
      errors.value = typeof e?.fieldMessages === 'function' ? e.fieldMessages() : {};
      if (!Object.keys(errors.value).length) problem.value = e?.network ? t('common.networkDown') : e?.message;
      return null;
    } finally {
      busy.value = false;
    }
  }

  return { errors, problem, busy, reset, submit };
}
