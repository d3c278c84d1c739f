import type { ProgressEvent } from '../../src-shared/api/progress.ts';
import { translate, type Locale } from '../../src-shared/i18n/translate.ts';
import { displayWidth } from './textTable.ts';

const barWidth = 24;

/** One terminal line for a progress event: a bar, the counts, the phase and the current file, cut to the terminal width. */
export function progressLine(locale: Locale, event: ProgressEvent, columns: number): string {
  const ratio = event.total > 0 ? Math.min(1, event.done / event.total) : 0;
  const filled = Math.round(ratio * barWidth);
  const phase = event.phase ? ` ${translate(locale, `cli.progress.${event.phase}`)}` : '';
  let line = `[${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)}] ${event.done}/${event.total}${phase} ${event.item ?? ''}`;
  while (displayWidth(line) > columns - 1 && line.length > 0) line = line.slice(0, -1);
  return line;
}
