import { post, uploadFile } from './http.js';

// Attachments (scene photos, documents): uploaded before the report is sent, attached to it
// once it is accepted; downloads always come as files (the server sends them as attachments).

/** Uploads one File; answers {sha256, name, media_type, size, has_thumbnail}. */
export const uploadAttachment = (file) =>
  uploadFile(`/api/v1/attachments?name=${encodeURIComponent(file.name || '')}`, file);

/** Attaches uploaded contents to the caller's own report. */
export const attachToReport = (reportId, sha256s) =>
  post(`/api/v1/reports/${encodeURIComponent(reportId)}/attachments`, { attachments: sha256s });

export const attachmentUrl = (sha256) => `/api/v1/attachments/${encodeURIComponent(sha256)}`;
export const thumbnailUrl = (sha256) => `/api/v1/attachments/${encodeURIComponent(sha256)}/thumbnail`;

/** "1.2 MB", "340 KB", "12 B". */
export function formatSize(bytes) {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
