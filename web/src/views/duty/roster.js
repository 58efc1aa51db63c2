// Turning a spreadsheet's rows into the roster CSV the server imports (one parser of outside
// input, on the server). Cells are quoted when they hold a comma, quote or line break. A date
// cell carries no time zone: read-excel-file gives it as a Date whose UTC fields are the wall
// time written in the sheet, which the roster reads as Beijing time ("YYYY-MM-DD HH:MM").

const pad = (n) => String(n).padStart(2, '0');

/** "YYYY-MM-DD HH:MM" of a spreadsheet date cell: its wall time, as written. */
export function wallMinute(t) {
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

function cell(value) {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? wallMinute(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV text of rows (arrays of cells), one line each. */
export function rowsToCsv(rows) {
  return rows.map((row) => row.map(cell).join(',')).join('\n') + '\n';
}
