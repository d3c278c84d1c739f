// One module per function: date-fns's index loads all ~250 of them (~0.1 s of CPU in each extraction worker).
import { format } from 'date-fns/format';
import { AppError } from '../../api/appError.ts';
import type { ContractType } from '../../model/contract.ts';
import { isIsoDate } from '../isoDate.ts';
import { replaceForbiddenChars, separatorChars, toSafeFileName } from './safeFileName.ts';
import type { ReasonKey } from '../../api/errorReasons.ts';

/**
 * Naming convention: a template such as `{customer}-{type}-{signingDate}-{number}` gives each
 * contract its display name and its file name on export.
 *
 * Placeholders: {customer} {type} {number} {title} {year} {signingDate} {startDate} {endDate};
 * a date takes an optional format, `{signingDate:yyyyMMdd}` or `{signingDate:yyyy年M月d日}`, built
 * from yyyy yy MM M dd d (date-fns tokens) and non-letters; without one it is written yyyy-MM-dd.
 * A missing value disappears together with one adjacent separator, and with brackets that wrapped
 * it: `{customer}-{type}-{number}` without a type gives "Acme-HT-001", never "Acme--HT-001";
 * `{customer} ({type})` without a type gives "Acme". The result is a safe file name (safeFileName.ts).
 */

/** The placeholders a template may use. */
export const namingPlaceholders = ['customer', 'type', 'number', 'title', 'year', 'signingDate', 'startDate', 'endDate'] as const;
export type NamingPlaceholder = (typeof namingPlaceholders)[number];

const dateFields: ReadonlySet<NamingPlaceholder> = new Set(['signingDate', 'startDate', 'endDate']);

/** The template new vaults start with. */
export const DEFAULT_NAMING_TEMPLATE = '{customer}-{type}-{signingDate}-{number}';
const MAX_TEMPLATE_CHARS = 300;

/** The values a name is rendered from; null or missing values collapse away. Dates are YYYY-MM-DD. */
export interface NameFields {
  customer?: string | null;
  type?: ContractType | null;
  number?: string | null;
  title?: string | null;
  /** Defaults to the signing date's year. */
  year?: number | string | null;
  signingDate?: string | null;
  startDate?: string | null;
  endDate?: string | null;
}

/** Language-dependent parts of a name, passed in by the caller (src-shared/rules does not import i18n). */
export interface NamingLocale {
  /** Label of each contract type in the user's language, e.g. { sales: '销售合同' }; a missing label falls back to the type key. */
  typeLabels: Partial<Record<ContractType, string>>;
  /** The name used when a template renders to nothing, e.g. "合同" or "contract". */
  fallbackName: string;
}

type TemplatePart = { kind: 'text'; text: string } | { kind: 'field'; name: NamingPlaceholder; format: string | null };

function invalid(reason: ReasonKey, values: Record<string, string | number> = {}): never {
  throw new AppError('RULE_INVALID', { ...values, detail: reason });
}

const allowedDateTokens = new Set(['yyyy', 'yy', 'MM', 'M', 'dd', 'd']);

// Checked before date-fns sees the format: it console.warns (to the CLI's stderr) on YYYY or DD before throwing.
function checkDateFormat(dateFormat: string, placeholder: string): void {
  if (dateFormat.length === 0) invalid('reason.template.emptyDateFormat', { placeholder });
  for (const run of dateFormat.match(/([A-Za-z])\1*|[^A-Za-z]/gu) ?? []) {
    if (/^[A-Za-z]/u.test(run) && !allowedDateTokens.has(run)) {
      invalid('reason.template.notDateToken', { run, placeholder, format: dateFormat });
    }
    if (run === "'") invalid('reason.template.quotes', { placeholder, format: dateFormat });
  }
}

function checkLiteral(text: string): void {
  const bad = /[/\\:*?"<>|\u0000-\u001f\u007f]/u.exec(text);
  if (bad) invalid('reason.template.badCharacter', { character: bad[0] });
}

/** Parses and checks a template; throws RULE_INVALID on an unknown placeholder, a stray brace or a bad date format. */
export function parseNamingTemplate(template: string): TemplatePart[] {
  if (template.length > MAX_TEMPLATE_CHARS) invalid('reason.template.tooLong', { limit: MAX_TEMPLATE_CHARS });
  const parts: TemplatePart[] = [];
  let text = '';
  let i = 0;
  while (i < template.length) {
    const c = template[i] ?? '';
    if (c === '}') invalid('reason.template.strayClose', { position: i });
    if (c !== '{') {
      text += c;
      i += 1;
      continue;
    }
    const close = template.indexOf('}', i);
    if (close === -1) invalid('reason.template.unclosed', { position: i });
    const inner = template.slice(i + 1, close);
    if (inner.includes('{')) invalid('reason.template.nestedOpen', { position: i });
    const colon = inner.indexOf(':');
    const name = (colon === -1 ? inner : inner.slice(0, colon)).trim();
    const dateFormat = colon === -1 ? null : inner.slice(colon + 1);
    if (!(namingPlaceholders as readonly string[]).includes(name)) {
      invalid('reason.template.unknownPlaceholder', { name, known: namingPlaceholders.map((p) => `{${p}}`).join(' ') });
    }
    const placeholder = name as NamingPlaceholder;
    if (dateFormat !== null) {
      if (!dateFields.has(placeholder)) invalid('reason.template.takesNoFormat', { placeholder });
      checkDateFormat(dateFormat, placeholder);
      checkLiteral(dateFormat);
    }
    checkLiteral(text);
    parts.push({ kind: 'text', text });
    text = '';
    parts.push({ kind: 'field', name: placeholder, format: dateFormat });
    i = close + 1;
  }
  checkLiteral(text);
  parts.push({ kind: 'text', text });
  if (!parts.some((p) => p.kind === 'field')) invalid('reason.template.noPlaceholder');
  return parts;
}

/** Checks a template; throws RULE_INVALID with the reason. */
export function validateTemplate(template: string): void {
  parseNamingTemplate(template);
}

function renderDate(iso: string | null | undefined, dateFormat: string | null): string {
  if (iso === null || iso === undefined || !isIsoDate(iso)) return '';
  if (dateFormat === null) return iso;
  const [year, month, day] = iso.split('-').map(Number);
  // A local-time Date at midnight: date-fns formats in local time, so the day can never shift.
  return format(new Date(year ?? 1970, (month ?? 1) - 1, day ?? 1), dateFormat);
}

function fieldValue(name: NamingPlaceholder, dateFormat: string | null, fields: NameFields, locale: NamingLocale): string {
  switch (name) {
    case 'type':
      return fields.type ? (locale.typeLabels[fields.type] ?? fields.type) : '';
    case 'year': {
      if (fields.year !== null && fields.year !== undefined && String(fields.year).trim() !== '') return String(fields.year);
      return fields.signingDate && isIsoDate(fields.signingDate) ? fields.signingDate.slice(0, 4) : '';
    }
    case 'signingDate':
    case 'startDate':
    case 'endDate':
      return renderDate(fields[name], dateFormat);
    default:
      return fields[name] ?? '';
  }
}

const brackets: Record<string, string> = { '(': ')', '[': ']', '（': '）', '【': '】', '《': '》', '「': '」', '〔': '〕' };

function splitTrailingSeparators(text: string): [core: string, separator: string] {
  let end = text.length;
  while (end > 0 && separatorChars.includes(text[end - 1] ?? '')) end -= 1;
  return [text.slice(0, end), text.slice(end)];
}

function splitLeadingSeparators(text: string): [separator: string, core: string] {
  let start = 0;
  while (start < text.length && separatorChars.includes(text[start] ?? '')) start += 1;
  return [text.slice(0, start), text.slice(start)];
}

/** Joins the texts on both sides of a value that is missing, keeping one separator between them. */
function collapse(left: string, right: string): string {
  const opener = left.trimEnd().slice(-1);
  const closer = brackets[opener];
  if (closer !== undefined && right.trimStart().startsWith(closer)) {
    left = left.trimEnd().slice(0, -1);
    right = right.trimStart().slice(closer.length);
  }
  const [leftCore, leftSeparator] = splitTrailingSeparators(left);
  const [rightSeparator, rightCore] = splitLeadingSeparators(right);
  return leftCore + (leftSeparator !== '' ? leftSeparator : rightSeparator) + rightCore;
}

/**
 * Renders a contract's name from a template (throws RULE_INVALID if the template is invalid).
 * The result is a safe base file name without extension; the exporter appends the original's.
 */
export function renderName(template: string, fields: NameFields, locale: NamingLocale): string {
  const parts = parseNamingTemplate(template);
  let out = '';
  let pending = '';
  for (const part of parts) {
    if (part.kind === 'text') {
      pending += part.text;
      continue;
    }
    const value = replaceForbiddenChars(fieldValue(part.name, part.format, fields, locale)).replace(/\s+/gu, ' ').trim();
    if (value === '') {
      pending += '\u0000';
      continue;
    }
    out += resolvePending(pending) + value;
    pending = '';
  }
  out += resolvePending(pending);
  return toSafeFileName(out, locale.fallbackName);
}

// `pending` holds the template text since the last rendered value, with \u0000 where a missing
// value stood; each marker is collapsed with the text around it.
function resolvePending(pending: string): string {
  const pieces = pending.split('\u0000');
  let text = pieces[0] ?? '';
  for (const piece of pieces.slice(1)) text = collapse(text, piece);
  return text;
}
