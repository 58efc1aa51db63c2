// Figures (casualties, losses …): order, labels and formatting. Labels come from the message
// files by code (figure.<code>); the server's taxonomy gives the order.

export const MAIN_FIGURES = ['deaths', 'missing', 'serious_injuries', 'injuries', 'trapped', 'poisoned', 'evacuated'];

/** Figures that make an event worse when they rise. */
export const HARM_FIGURES = new Set(['deaths', 'missing', 'serious_injuries', 'injuries', 'trapped', 'poisoned']);

/** A figure's value as text, as the message files format it (persons, yuan, magnitude, hours). */
export function formatFigure(t, code, value) {
  if (value == null) return t('figure.unknown');
  switch (code) {
    case 'economic_loss_yuan':
      return value >= 10000
        ? t('figureValue.tenThousandYuan', { v: trim(value / 10000), full: grouped(value) })
        : t('figureValue.yuan', { v: grouped(value) });
    case 'magnitude':
      return t('figureValue.magnitude', { v: trim(value) });
    case 'duration_hours':
      return t('figureValue.hours', { v: trim(value) });
    default:
      return t('figureValue.persons', { v: trim(value) });
  }
}

function grouped(v) {
  return Math.round(v).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function trim(v) {
  return Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100);
}
