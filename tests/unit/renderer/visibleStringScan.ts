import ts from 'typescript';

/** A string shown to the user that does not come from the i18n catalogues. */
export interface HardCodedString {
  file: string;
  line: number;
  text: string;
  kind: 'jsx-text' | 'jsx-attribute' | 'jsx-expression' | 'object-property';
}

/**
 * Attribute and property names whose value a person sees or hears (screen readers): a string
 * literal there must be a translation instead. Props such as `className`, `key`, `type` or `data-*`
 * are never shown and may hold literals.
 */
export const visibleTextNames: ReadonlySet<string> = new Set([
  'title', 'placeholder', 'aria-label', 'aria-description', 'aria-valuetext', 'aria-roledescription', 'alt',
  'label', 'tooltip', 'description', 'message', 'extra', 'help', 'okText', 'cancelText', 'emptyText', 'children', 'text', 'content',
]);

// Only text with a letter in any script counts: punctuation and separators ("·", "—", ":") are not language.
// A dotted identifier ("ui.search.field.title") is a catalogue key being passed around, not prose.
const hasLetter = (text: string): boolean => /\p{L}/u.test(text) && !/^[A-Za-z]\w*(\.\w+)+$/u.test(text);

function literalText(node: ts.Node | undefined): string | null {
  if (node === undefined) return null;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isJsxExpression(node)) return literalText(node.expression);
  if (ts.isParenthesizedExpression(node)) return literalText(node.expression);
  return null;
}

function propertyName(name: ts.PropertyName | ts.JsxAttributeName): string | null {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  if (ts.isJsxNamespacedName(name)) return `${name.namespace.text}:${name.name.text}`;
  return null;
}

/**
 * Finds hard-coded visible strings in one TSX/TS source by walking its syntax tree (not by regex, so
 * strings in comments, type positions, imports or non-visible props never count):
 * - JSX text with a letter (`<b>Save</b>`);
 * - a visible attribute set to a string literal (`placeholder="Search"`, `title={'x'}`);
 * - a string literal as a JSX child expression (`{'Save'}`);
 * - an object property with a visible name set to a string literal (`{ title: 'Name' }` in table columns,
 *   `{ label: 'Contracts' }` in menu items), since antd takes much of its visible text that way.
 */
export function findHardCodedStrings(file: string, source: string): HardCodedString[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: HardCodedString[] = [];
  const report = (node: ts.Node, text: string, kind: HardCodedString['kind']): void => {
    found.push({ file, line: sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1, text: text.trim(), kind });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && hasLetter(node.text)) report(node, node.text, 'jsx-text');
    else if (ts.isJsxAttribute(node)) {
      const name = propertyName(node.name);
      const text = literalText(node.initializer);
      if (name !== null && visibleTextNames.has(name) && text !== null && hasLetter(text)) report(node, text, 'jsx-attribute');
    } else if (ts.isJsxExpression(node) && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      const text = literalText(node.expression);
      if (text !== null && hasLetter(text)) report(node, text, 'jsx-expression');
    } else if (ts.isPropertyAssignment(node)) {
      const name = propertyName(node.name);
      const text = literalText(node.initializer);
      if (name !== null && visibleTextNames.has(name) && text !== null && hasLetter(text)) report(node, text, 'object-property');
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** Every string literal of the form `ui.something` in a source: the catalogue keys it uses. */
export function findUiKeys(file: string, source: string): string[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const keys: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && /^ui\.[\w.]+$/u.test(node.text)) keys.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return keys;
}
