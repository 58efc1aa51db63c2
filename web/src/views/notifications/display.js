// Pure helpers of the delivery log: the tag type of a state and the i18n keys of a row.

const STATE_TAG = { pending: 'warning', sent: 'success', dead: 'danger' };

/** Element Plus tag type for a delivery state ('info' for anything unknown). */
export const stateTag = (state) => STATE_TAG[state] ?? 'info';

/** i18n keys of a row's state, channel and kind; unknown values fall back to the raw text. */
export function rowKeys(row) {
  const known = (list, v) => (list.includes(v) ? v : null);
  return {
    state: known(['pending', 'sent', 'dead'], row?.state) ? `notifications.state.${row.state}` : null,
    channel: known(['webhook', 'email', 'sms'], row?.channel) ? `notifications.channel.${row.channel}` : null,
    kind: known(['desk_report.recorded', 'event.reportable'], row?.kind) ? `notifications.kind.${row.kind.replace('.', '_')}` : null,
  };
}

/** Whether the caller may send the row again (admins, dead rows only). */
export const canRetry = (row, role) => role === 'admin' && row?.state === 'dead';
