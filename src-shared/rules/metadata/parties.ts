import { fieldAt } from './extractedField.ts';
import type { ExtractedField } from './extractedField.ts';
import type { MatchablePage } from './matchablePage.ts';

/** The parties as the contract names them: 甲方 / Party A first, 乙方 / Party B second, others (丙方, 丁方) after. */
export interface ContractParties {
  partyA?: string;
  partyB?: string;
  others?: string[];
}

type Slot = 'A' | 'B' | 'C' | 'D' | 'role';

interface PartyMention {
  slot: Slot;
  name: string;
  page: MatchablePage;
  start: number;
  end: number;
  confidence: number;
}

const slotByLetter: Readonly<Record<string, Slot>> = { 甲: 'A', 乙: 'B', 丙: 'C', 丁: 'D', a: 'A', b: 'B', c: 'C', d: 'D' };

/** Role names that stand for a party when a contract does not say 甲方/乙方 (出租方, 买方, ...). */
const chineseRoles =
  '出卖人|买受人|出租人|承租人|出租方|承租方|委托方|受托方|委托人|受托人|发包人|承包人|发包方|承包方|买方|卖方|供方|需方|供货方|采购方|供应方|销售方|购买方|许可方|被许可方|转让方|受让方|服务方|用人单位|劳动者|聘用方|受聘方|贷款人|借款人|出借人|披露方|接收方';

const englishRoles =
  'Party\\s*[ABCD]|Seller|Buyer|Vendor|Purchaser|Supplier|Customer|Client|Contractor|Consultant|Service Provider|Provider|Licensor|Licensee|Landlord|Tenant|Lessor|Lessee|Employer|Employee|Disclosing Party|Receiving Party';

const chineseLabel = new RegExp(
  `(?<![\\p{sc=Han}A-Za-z])(?:([甲乙丙丁])\\s*方|(${chineseRoles}))[ ]*(?:\\(([^()\\n]{0,20})\\))?[ ]*(?:名称|全称)?[ ]*(?:/[ ]*(${englishRoles})[ ]*)?:[ ]*(?=([^\\n]{0,160}))`,
  'gu',
);

const englishLabel = new RegExp(`(?<=^|\\n)[ ]*(${englishRoles})[ ]*(?:\\(([^()\\n]{0,20})\\))?[ ]*:[ ]*(?=([^\\n]{0,160}))`, 'gi');

/** Where a labelled Chinese name stops: a second label on the same line, a "(以下简称…)" aside, a clause break. */
const chineseNameStop = /\s{2,}|,(?=\s*\p{sc=Han})|[;。]|\((?:以下|下称|简称|下文)|\s*[甲乙丙丁]方\s*(?:\([^)]*\))?\s*:|\s+\S{1,8}:/u;
const englishNameStop = /\s{2,}|;|\(\s*(?:hereinafter|the\s+"|")|,\s*(?:address|add|tel|phone|fax|e-?mail|registered|located|with|whose|having)\b|\s+\S{1,12}:/i;

/** Text that shows a label without a name: a signature line, a placeholder, a field caption. */
const notAName = /盖章|签字|签章|公章|签名|代表|地址|电话|日期|:|_{2,}|\.{3}|…|signature|signed|\bby:|\bdate\b|\baddress\b|\[|\]/i;

const roleWords = new RegExp(`^(?:the\\s+)?(?:${englishRoles}|${chineseRoles}|[甲乙丙丁]方|company|parties|party|each party|both parties|the parties|双方|各方)$`, 'i');

/**
 * A name exactly as the document writes it (offsets are shared with the normalised text): a
 * registered name keeps its full-width brackets, 示例科技（上海）有限公司, instead of the matching form.
 */
function asWritten(page: MatchablePage, start: number, end: number): string {
  return page.original.slice(start, end).replace(/\s+/g, ' ').trim();
}

function cleanName(raw: string, stop: RegExp): string | null {
  const stopAt = raw.search(stop);
  let name = (stopAt === -1 ? raw : raw.slice(0, stopAt)).trim();
  name = name.replace(/\((?:盖章|签字|签章|公章|签名|seal|signature)\)\s*$/i, '').replace(/[,;:]+$/, '').trim();
  return validName(name) ? name : null;
}

function validName(name: string): boolean {
  if (name.length < 2 || name.length > 80 || notAName.test(name) || roleWords.test(name)) return false;
  const han = (name.match(/\p{sc=Han}/gu) ?? []).length;
  const latin = (name.match(/[A-Za-z]/g) ?? []).length;
  if (han < 2 && latin < 2) return false;
  // "between 1 March and 5 March" names dates, not parties.
  if (/\d\s*(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d/i.test(name)) return false;
  // An English name starts with a capital, a digit or a Chinese name; "the following" is prose.
  return han >= 2 || /^[A-Z0-9]/.test(name);
}

function slotFromAside(aside: string | undefined): Slot | null {
  if (aside === undefined) return null;
  const zh = /([甲乙丙丁])\s*方/.exec(aside);
  if (zh) return slotByLetter[zh[1] ?? ''] ?? null;
  const en = /\bparty\s+([abcd])\b/i.exec(aside);
  return en ? (slotByLetter[(en[1] ?? '').toLowerCase()] ?? null) : null;
}

function labelledMentions(page: MatchablePage): PartyMention[] {
  const mentions: PartyMention[] = [];
  chineseLabel.lastIndex = 0;
  for (let m = chineseLabel.exec(page.text); m !== null; m = chineseLabel.exec(page.text)) {
    const rest = m[5] ?? '';
    const name = cleanName(rest, chineseNameStop);
    if (name === null) continue;
    // "买方：张三（以下简称乙方）": the designation may also follow the name.
    const trailing = /\((?:以下)?(?:简称|下称)\s*"?([甲乙丙丁])方/.exec(rest.slice(rest.indexOf(name) + name.length, rest.indexOf(name) + name.length + 16));
    // Bilingual labels ("甲方/Party A:", "出租方/Lessor:") carry the slot in either language.
    const explicit = m[1] !== undefined ? slotByLetter[m[1]] : (slotFromAside(m[3]) ?? slotFromAside(m[4]) ?? (trailing ? slotByLetter[trailing[1] ?? ''] : null));
    const slot: Slot = explicit ?? 'role';
    // The value is captured in a lookahead (a second label on the same line must still match), so it starts where the match ends.
    const nameStart = m.index + m[0].length + rest.indexOf(name);
    const end = nameStart + name.length;
    mentions.push({ slot, name: asWritten(page, nameStart, end), page, start: m.index, end, confidence: slot === 'role' ? 0.75 : 0.9 });
  }
  englishLabel.lastIndex = 0;
  for (let m = englishLabel.exec(page.text); m !== null; m = englishLabel.exec(page.text)) {
    const rest = m[3] ?? '';
    const name = cleanName(rest, englishNameStop);
    if (name === null) continue;
    const role = (m[1] ?? '').toLowerCase();
    const direct = /^party ([abcd])$/.exec(role);
    const explicit = direct ? slotByLetter[direct[1] ?? ''] : slotFromAside(m[2]);
    const slot: Slot = explicit ?? 'role';
    const labelStart = m.index + m[0].indexOf(m[1] ?? '');
    const nameStart = m.index + m[0].length + rest.indexOf(name);
    const end = nameStart + name.length;
    mentions.push({ slot, name: asWritten(page, nameStart, end), page, start: labelStart, end, confidence: slot === 'role' ? 0.75 : 0.9 });
  }
  return mentions.sort((a, b) => a.start - b.start);
}

/** Corporate abbreviations whose final dot belongs to the name ("Acme Co., Ltd."). */
const abbreviationEnd = /\b(?:Inc|Ltd|Co|Corp|Pty|Bhd|Jr|Sr|S\.A|N\.V|B\.V|L\.L\.C|L\.P|P\.C)\.$/i;
const englishTerminator = /\s*\(|,\s+(?:a|an|the|with|whose|having|located|registered|incorporated|organized|organised|existing|residing|of|at|which|acting|represented|hereinafter)\b|\s+(?:of|at)\s+(?=\d)|\s+(?:incorporated|whose|registered\s+in)\b|;|\s+(?:and|AND)\s+|\s*,?\s*\n\s*\n/;

/** Where the second name stops: like the first, or at the end of the sentence (not at "Ltd." or "Inc."). */
const englishNameEnd = new RegExp(
  `\\s*\\(|,\\s+(?:a|an|the|with|whose|having|located|registered|incorporated|organized|organised|existing|residing|of|at|which|acting|represented|hereinafter)\\b|\\s+(?:of|at)\\s+(?=\\d)|;|(?<!\\b(?:Inc|INC|Ltd|LTD|Co|CO|Corp|CORP|Pty|PTY|Bhd|BHD|Jr|Sr|S\\.A|N\\.V|B\\.V|L\\.L\\.C|L\\.P|P\\.C))\\.(?:\\s|$)|\\n\\s*\\n`,
);

function trimEnglishName(raw: string): string {
  let name = raw.replace(/\s+/g, ' ').trim().replace(/[,;:，；：]+$/, '').trim();
  if (name.endsWith('.') && !abbreviationEnd.test(name)) name = name.slice(0, -1).trim();
  return name;
}

/** Parties named in an opening sentence: A, B and, for "among", any more. */
interface NamedParties {
  a: PartyMention;
  b: PartyMention;
  others: PartyMention[];
}

/** What separates one party's description from the next party's name. */
const nextPartySeparator = /\)\s*[,;]?\s+(?:and|AND)\s+(?:\(?(?:\d|[b-d]|i{1,3}|iv)\)\s*)?|\)\s*[,;]\s+(?:\(?(?:\d|[b-d]|i{1,3}|iv)\)\s*)?|[,;]\s+(?:and|AND)\s+(?:\(?(?:\d|[b-d]|i{1,3}|iv)\)\s*)?/;

/**
 * "… by and between A, a Delaware corporation ("Seller"), and B ("Buyer")." or "… by and among
 * A ("X"), B ("Y"), and C ("Z")." Each name runs to its description or defined term; the next
 * starts after the bracket, comma or "and" that closes that description.
 */
function openingSentenceParties(page: MatchablePage): NamedParties | null {
  const opening = /\b(between|among|amongst)\s*:?\s+/gi;
  for (let m = opening.exec(page.text); m !== null; m = opening.exec(page.text)) {
    // Only the opening sentence names the parties; "a dispute between …" later on does not.
    if (!/\b(?:agreement|contract|made|entered|executed)\b/i.test(page.text.slice(Math.max(0, m.index - 300), m.index))) continue;
    const among = !/^between$/i.test(m[1] ?? '');
    // UK style lists the parties as "(1) A …; and (2) B …": the enumerators are not part of the names.
    const enumerator = /^\(?(?:1|a|i)\)\s*/i.exec(page.text.slice(m.index + m[0].length));
    const from = m.index + m[0].length + (enumerator ? enumerator[0].length : 0);
    let rest = page.text.slice(from, from + 1200);
    // A blank line ends the preamble, unless the next paragraph is the next enumerated party ("(2) B Ltd"),
    // as Word documents put each party of a UK-style preamble in a paragraph of its own.
    const paragraphEnd = rest.search(/\n\s*\n(?!\s*\(?(?:\d{1,2}|[a-dA-D]|[ivx]{1,4})[).]\s)|\bWHEREAS\b|\bRECITALS\b|\bNOW,? THEREFORE\b/);
    if (paragraphEnd !== -1) rest = rest.slice(0, paragraphEnd);
    const aEnd = rest.search(englishTerminator);
    if (aEnd <= 0) continue;
    const names: PartyMention[] = [];
    const push = (slot: Slot, start: number, raw: string, confidence: number): boolean => {
      const name = trimEnglishName(raw);
      if (!validName(name) || name.split(' ').length > 12) return false;
      // Same offsets in the original: the name as written (full-width brackets, curly quotes kept).
      names.push({ slot, name: trimEnglishName(page.original.slice(from + start, from + start + raw.length)), page, start: from + start, end: from + start + raw.trimEnd().length, confidence });
      return true;
    };
    if (!push('A', 0, rest.slice(0, aEnd), 0.85)) continue;
    let cursor = aEnd;
    const directAnd = /^\s+(?:and|AND)\s+/.exec(rest.slice(aEnd));
    for (let index = 1; index < 6; index++) {
      let nameStart: number;
      // "between A and B" without descriptions is right unless a name itself holds "and" ("Smith and Sons").
      let confidence = 0.85;
      if (index === 1 && directAnd) {
        nameStart = aEnd + directAnd[0].length;
        confidence = 0.8;
      } else {
        const separator = nextPartySeparator.exec(rest.slice(cursor));
        if (!separator) break;
        nameStart = cursor + separator.index + separator[0].length;
      }
      const tail = rest.slice(nameStart);
      const stop = tail.search(englishNameEnd);
      const raw = stop === -1 ? tail : tail.slice(0, stop);
      if (!push(index === 1 ? 'B' : 'C', nameStart, raw, confidence)) break;
      cursor = nameStart + raw.length;
      if (!among) break;
    }
    const [a, b, ...others] = names;
    if (a && b) return { a, b, others };
  }
  return null;
}

/**
 * UK style: a PARTIES heading, then "(1) A incorporated … (the "Supplier")" and "(2) B …" on
 * their own lines, with no "between".
 */
function partiesHeadingMention(page: MatchablePage): NamedParties | null {
  const heading = /(?:^|\n)[ ]*(?:PARTIES|Parties)[ ]*:?[ ]*\n/.exec(page.text);
  if (!heading) return null;
  const from = heading.index + heading[0].length;
  const block = page.text.slice(from, from + 1200);
  const entries = [...block.matchAll(/(?:^|\n)[ ]*\(?([12])[).][ ]+([^\n]+)/g)];
  const first = entries.find((e) => e[1] === '1');
  const second = entries.find((e) => e[1] === '2');
  if (!first || !second) return null;
  const mention = (entry: RegExpExecArray | RegExpMatchArray, slot: Slot): PartyMention | null => {
    const line = entry[2] ?? '';
    const lineStart = from + (entry.index ?? 0) + entry[0].length - line.length;
    const stop = line.search(englishTerminator);
    const raw = stop === -1 ? line : line.slice(0, stop);
    const name = trimEnglishName(raw);
    if (!validName(name)) return null;
    return { slot, name: trimEnglishName(page.original.slice(lineStart, lineStart + raw.length)), page, start: lineStart, end: lineStart + raw.trimEnd().length, confidence: 0.85 };
  };
  const a = mention(first, 'A');
  const b = mention(second, 'B');
  return a && b ? { a, b, others: [] } : null;
}

function combine(a: PartyMention | undefined, b: PartyMention | undefined, others: PartyMention[]): ExtractedField<ContractParties> | undefined {
  const first = a ?? b;
  if (first === undefined) return undefined;
  const value: ContractParties = {};
  if (a) value.partyA = a.name;
  if (b) value.partyB = b.name;
  if (others.length > 0) value.others = others.map((o) => o.name);
  const samePage = a !== undefined && b !== undefined && a.page === b.page;
  const start = samePage ? Math.min(a.start, b.start) : first.start;
  const end = samePage ? Math.max(a.end, b.end) : first.end;
  // One party alone is still useful to show, but it is less sure: a lone label is often a signature block.
  const confidence = a && b ? Math.min(a.confidence, b.confidence) : first.confidence * 0.65;
  return fieldAt(first.page, start, end, value, confidence);
}

/** The parties, from 甲方/乙方 (or role) labels, "Party A:" lines, or "between X and Y". */
export function extractParties(pages: readonly MatchablePage[]): ExtractedField<ContractParties> | undefined {
  const mentions = pages.flatMap(labelledMentions);
  const firstOf = (slot: Slot): PartyMention | undefined => mentions.find((m) => m.slot === slot);
  const others = (['C', 'D'] as const).map(firstOf).filter((m): m is PartyMention => m !== undefined);
  let a = firstOf('A');
  let b = firstOf('B');
  if (a === undefined && b === undefined) {
    // Only role labels (出租方 / 承租方, Seller / Buyer): the first one named is Party A, the next different name Party B.
    const roles = mentions.filter((m) => m.slot === 'role');
    a = roles[0];
    b = roles.find((m) => m.name !== a?.name);
  }
  const labelled = combine(a, b, others);
  if (labelled && labelled.value.partyA !== undefined && labelled.value.partyB !== undefined) return labelled;
  for (const page of pages.slice(0, 2)) {
    const found = openingSentenceParties(page) ?? partiesHeadingMention(page);
    if (found) return combine(found.a, found.b, found.others.length > 0 ? found.others : others);
  }
  return labelled;
}
