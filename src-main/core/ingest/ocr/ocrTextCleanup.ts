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

const fullWidth: Readonly<Record<string, string>> = { ':': '：', ';': '；', ',': '，', '!': '！', '?': '？' };

/**
 * Normalises tesseract output for Chinese and mixed text: removes spaces between Han characters and
 * around Chinese punctuation, turns ASCII `: ; , ! ?` that follow a Han character into their full-width
 * forms, drops trailing spaces and runs of blank lines. Latin text keeps its spaces.
 */
export function cleanOcrText(text: string): string {
  return text
    .replace(betweenChinese, '')
    .replace(beforeAsciiPunctuationAfterHan, '')
    .replace(asciiPunctuationAfterHan, (mark) => fullWidth[mark] ?? mark)
    .replace(aroundCjkPunctuation, '')
    .replace(/[^\S\n]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
