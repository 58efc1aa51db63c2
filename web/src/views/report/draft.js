// Drafts of the report form, kept in localStorage so that nothing typed at the scene is lost
// when the network drops, the page reloads or the phone locks. One draft per user and target
// (a new event, or a follow-up to one event).

const PREFIX = 'shaobing.draft.v1';

export const draftKey = (user, eventId) => `${PREFIX}.${user || 'anonymous'}.${eventId || 'new'}`;

export function loadDraft(key) {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return null;
    const d = JSON.parse(raw);
    return d && typeof d === 'object' && d.form ? d : null;
  } catch {
    return null;
  }
}

export function saveDraft(key, form) {
  try {
    localStorage.setItem(key, JSON.stringify({ savedAt: Date.now(), form }));
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(key) {
  try {
    localStorage.removeItem(key);
  } catch {
    /* ignore */
  }
}
