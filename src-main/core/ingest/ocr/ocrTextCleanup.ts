// Tesseract's chi_sim model segments Chinese into "words" and joins them with spaces ("甲 方 : 北京 纷 享"),
// and it reads full-width punctuation as ASCII. Chinese is written without spaces, and search and
// metadata rules look for "甲方：北京纷享", so the spacing is undone; spaces between Latin words stay.
const han = '\\p{Script=Han}';
// CJK symbols and punctuation (、。「」…, ideographic space) and full-width forms (，：；（）…).
const cjkPunctuation = '\\u3000-\\u303F\\uFF00-\\uFFEF';
const blank = '[^\\S\\n]+';

const betweenChinese = new RegExp(`(?<=[${han}${cjkPunctuation}])${blank}(?=[${han}${cjkPunctuation}])`, 'gu');
const beforeAsciiPunctuationAfterHan = new RegExp(`(?<=${han})${blank}(?=[,.:;!?)\\]])`, 'gu');
const asciiPunctuationAfterHan = new RegExp(`(?<=${han})[:;,!?]`, 'gu');
const aroundCjkPunctuation = new RegExp(`${blank}(?=[${cjkPunctuation}])|(?<=[${cjkPunctuation}])${blank}`, 'gu');

// An ASCII pair of parentheses around Chinese, next to Chinese: 德润科技 (广州) 有限公司. chi_sim reads the
// full-width （） of Chinese text as ASCII; party names are compared and searched with the full-width forms.
// Tesseract's raw text still has its spaces here, inside the parentheses too: "德润 科技 ( 广州 ) 有 限".
const chineseInAsciiParentheses = new RegExp(`(${han})?([^\\S\\n]*)\\(((?:[${han}${cjkPunctuation}]|[^\\S\\n])+)\\)([^\\S\\n]*)(${han})?`, 'gu');
const hasHan = new RegExp(han, 'u');

function fullWidthParentheses(whole: string, before: string | undefined, _gap1: string, inside: string, _gap2: string, after: string | undefined): string {
  if ((before === undefined && after === undefined) || !hasHan.test(inside)) return whole;
  return `${before ?? ''}（${inside.trim()}）${after ?? ''}`;
}

const fullWidth: Readonly<Record<string, string>> = { ':': '：', ';': '；', ',': '，', '!': '！', '?': '？' };

/**
 * Normalises tesseract output for Chinese and mixed text: turns ASCII parentheses around Chinese next to
 * Chinese into （）, removes spaces between Han characters and around Chinese punctuation, turns ASCII `: ; , ! ?` that follow a Han character into their full-width
 * forms, drops trailing spaces and runs of blank lines. Latin text keeps its spaces.
 */
export function cleanOcrText(text: string): string {
  return text
    .replace(chineseInAsciiParentheses, fullWidthParentheses)
    .replace(betweenChinese, '')
    .replace(beforeAsciiPunctuationAfterHan, '')
    .replace(asciiPunctuationAfterHan, (mark) => fullWidth[mark] ?? mark)
    .replace(aroundCjkPunctuation, '')
    .replace(/[^\S\n]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
