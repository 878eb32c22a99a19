import ts from 'typescript';
import en from '../../../public/_locales/en/messages.json';

/** One piece of user-facing text written straight into the source instead of going through t(). */
export interface HardCodedText {
  file: string;
  line: number;
  text: string;
}

/** Attributes whose value people read or hear. */
const TEXT_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
  'title',
  'placeholder',
  'alt',
  'label',
]);
/** Props of our own components that carry ids, names and kinds, never text; every other prop may reach the screen. */
const TECHNICAL_PROPS = new Set([
  'id',
  'name',
  'type',
  'key',
  'class',
  'className',
  'href',
  'for',
  'htmlFor',
  'role',
  'value',
  'values',
  'inputMode',
  'autoComplete',
  'accept',
  'min',
  'max',
  'step',
  'pattern',
]);
const isTechnical = (prop: string) =>
  TECHNICAL_PROPS.has(prop) || /^(on[A-Z]|data-|aria-(labelledby|describedby|controls|owns))/.test(prop);
/** Functions that show their first argument to the user. */
const DIALOGS = new Set(['alert', 'confirm', 'prompt']);
/** Properties that put their value on screen when assigned. */
const TEXT_PROPERTIES = new Set(['textContent', 'innerText', 'title', 'placeholder', 'alt', 'ariaLabel']);
/** The one way text is allowed in: t(key, ...substitutions). */
const TRANSLATE = 't';

const hasLetters = (text: string) => /\p{L}/u.test(text);

/** The name of a called function: `alert` for alert(…) and window.alert(…). */
function calleeName(call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

/**
 * The literal text an expression can evaluate to, as written: the literal itself, both
 * branches of a conditional, the fallback of `a ?? 'text'`, the text parts of a template.
 * Function calls are not entered (their arguments are keys, ids, formats…), except the
 * substitutions of t(), which end up on screen.
 */
function literalTexts(expression: ts.Expression): ts.Node[] {
  if (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression)) {
    return literalTexts(expression.expression);
  }
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) {
    return hasLetters(expression.text) ? [expression] : [];
  }
  if (ts.isTemplateExpression(expression)) {
    const parts = [expression.head.text, ...expression.templateSpans.map((span) => span.literal.text)];
    const own = parts.some(hasLetters) ? [expression] : [];
    return [...own, ...expression.templateSpans.flatMap((span) => literalTexts(span.expression))];
  }
  if (ts.isConditionalExpression(expression)) {
    return [...literalTexts(expression.whenTrue), ...literalTexts(expression.whenFalse)];
  }
  if (ts.isBinaryExpression(expression)) {
    const operator = expression.operatorToken.kind;
    if (
      operator === ts.SyntaxKind.BarBarToken ||
      operator === ts.SyntaxKind.QuestionQuestionToken ||
      operator === ts.SyntaxKind.PlusToken
    ) {
      return [...literalTexts(expression.left), ...literalTexts(expression.right)];
    }
    if (operator === ts.SyntaxKind.AmpersandAmpersandToken) return literalTexts(expression.right);
    return [];
  }
  if (ts.isArrayLiteralExpression(expression)) {
    return expression.elements.flatMap((element) => (ts.isSpreadElement(element) ? [] : literalTexts(element)));
  }
  if (ts.isCallExpression(expression) && calleeName(expression) === TRANSLATE) {
    return expression.arguments.slice(1).flatMap(literalTexts);
  }
  return [];
}

function textOf(node: ts.Node, source: ts.SourceFile): string {
  if (ts.isJsxText(node)) return node.text.replace(/\s+/g, ' ').trim();
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return node.getText(source);
}

function finder(file: string, sourceText: string, kind: ts.ScriptKind) {
  const source = ts.createSourceFile(file, sourceText, ts.ScriptTarget.Latest, true, kind);
  const found: HardCodedText[] = [];
  const report = (node: ts.Node) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push({ file, line, text: textOf(node, source) });
  };
  const reportLiterals = (expression: ts.Expression | undefined) => {
    if (expression) literalTexts(expression).forEach(report);
  };
  return { source, found, report, reportLiterals };
}

function jsxTagName(element: ts.JsxOpeningLikeElement): string {
  return element.tagName.getText();
}

function hasChildren(attribute: ts.JsxAttribute): boolean {
  const opening = attribute.parent.parent;
  return ts.isJsxOpeningElement(opening) && ts.isJsxElement(opening.parent) && opening.parent.children.length > 0;
}

/** What a dialog call or a text property assignment puts on screen, in any source. */
function checkScriptText(node: ts.Node, reportLiterals: (expression: ts.Expression | undefined) => void) {
  if (ts.isCallExpression(node) && DIALOGS.has(calleeName(node) ?? '')) reportLiterals(node.arguments[0]);
  if (
    ts.isBinaryExpression(node) &&
    node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    ts.isPropertyAccessExpression(node.left) &&
    TEXT_PROPERTIES.has(node.left.name.text)
  ) {
    reportLiterals(node.right);
  }
}

/**
 * Hard-coded user-facing text in a component (.tsx): JSX text with letters, literal text in
 * JSX children expressions, in text attributes (aria-label, title, placeholder, alt, label;
 * an <option>'s value when it has no text of its own), in any prop of a component of ours
 * but ids, names and kinds (a legend, a hint, an error…), in alert/confirm/prompt and in
 * assignments to textContent, title and the like.
 */
export function findHardCodedInComponent(file: string, sourceText: string): HardCodedText[] {
  const { source, found, report, reportLiterals } = finder(file, sourceText, ts.ScriptKind.TSX);
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasLetters(node.text)) report(node);
    else if (ts.isJsxExpression(node) && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      reportLiterals(node.expression);
    } else if (ts.isJsxAttribute(node)) {
      const name = node.name.getText(source);
      const element = node.parent.parent;
      const tag = jsxTagName(element);
      const shown =
        TEXT_ATTRIBUTES.has(name) ||
        (name === 'value' && tag === 'option' && !hasChildren(node)) ||
        (/^[A-Z]/.test(tag) && !isTechnical(name));
      const value = node.initializer;
      if (shown && value) {
        if (ts.isStringLiteral(value)) reportLiterals(value);
        else if (ts.isJsxExpression(value)) reportLiterals(value.expression);
      }
    } else {
      checkScriptText(node, reportLiterals);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Props of the widget's h(tag, props, …children) that are read out or shown. */
function checkWidgetProps(props: ts.Expression | undefined, reportLiterals: (e: ts.Expression | undefined) => void) {
  if (!props || !ts.isObjectLiteralExpression(props)) return;
  for (const property of props.properties) {
    if (!ts.isPropertyAssignment(property)) continue;
    const name = ts.isStringLiteral(property.name) || ts.isIdentifier(property.name) ? property.name.text : '';
    if (TEXT_ATTRIBUTES.has(name)) reportLiterals(property.initializer);
  }
}

/**
 * Hard-coded user-facing text in the widget's scripts (everything it shows must come from
 * widget/strings.ts): literal text as children of h(…), in its text props, in
 * setAttribute('aria-label' | 'title' | …, text), createTextNode, append / prepend /
 * replaceChildren, dialogs and text property assignments.
 */
export function findHardCodedInWidget(file: string, sourceText: string): HardCodedText[] {
  const { source, found, reportLiterals } = finder(file, sourceText, ts.ScriptKind.TS);
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const name = calleeName(node);
      const args = node.arguments;
      if (name === 'h') {
        checkWidgetProps(args[1], reportLiterals);
        args.slice(2).forEach(reportLiterals);
      } else if (
        name === 'setAttribute' &&
        args[0] &&
        ts.isStringLiteral(args[0]) &&
        TEXT_ATTRIBUTES.has(args[0].text)
      ) {
        reportLiterals(args[1]);
      } else if (name === 'createTextNode' || name === 'append' || name === 'prepend' || name === 'replaceChildren') {
        args.forEach(reportLiterals);
      }
    }
    checkScriptText(node, reportLiterals);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Keys of an object literal whose value is shown: chart.js titles, labels and tooltip callbacks, messages. */
const TEXT_KEYS = new Set(['label', 'labels', 'title', 'text', 'footer', 'header', 'message', 'description', 'hint']);
const isTextKey = (key: string) =>
  TEXT_KEYS.has(key) || TEXT_ATTRIBUTES.has(key) || /^(before|after)(Title|Label|Body|Footer)$/.test(key);

const MESSAGE_KEYS = new Set(Object.keys(en));
/** A message key (read through t() elsewhere) or a CSS colour: in a text sink's place, but not text. */
const isKeyOrColour = (text: string) => MESSAGE_KEYS.has(text) || /^#[0-9a-f]{3,8}$/i.test(text);

/** Two words of letters side by side: how a sentence (or a phrase) written into the code looks. */
const looksLikeWords = (text: string) => /\p{L}{2,}\s+\p{L}{2,}/u.test(text);

/** The expressions a function gives back: its concise body, or its own return statements. */
function returnedExpressions(fn: ts.ArrowFunction | ts.FunctionExpression | ts.MethodDeclaration): ts.Expression[] {
  if (!fn.body) return [];
  if (!ts.isBlock(fn.body)) return [fn.body];
  const found: ts.Expression[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) found.push(node.expression);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn.body, visit);
  return found;
}

function propertyKey(name: ts.PropertyName): string {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : '';
}

/** Where a string literal is code, not text: module names, types, property keys, t()'s key, the console. */
function isCodeString(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent))
    return true;
  if (ts.isLiteralTypeNode(parent)) return true;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent)) && parent.name === node) return true;
  if (ts.isElementAccessExpression(parent) && parent.argumentExpression === node) return true;
  for (let at: ts.Node | undefined = node; at; at = at.parent) {
    if (ts.isCallExpression(at)) {
      const callee = at.expression;
      if (ts.isPropertyAccessExpression(callee) && callee.expression.getText() === 'console') return true;
      if (calleeName(at) === TRANSLATE && at.arguments[0] === node) return true;
    }
    if (ts.isTypeNode(at)) return true;
  }
  return false;
}

/**
 * Hard-coded user-facing text in a component's plain script (.ts: chart configurations,
 * labels, downloads…), which has no JSX to point at the screen. Two nets: literal text
 * with letters handed to a text sink (an object's label / title / text / footer… including
 * what a tooltip callback of that name returns, an Error's message, a dialog, textContent
 * and the like), and anywhere else a literal holding words side by side, like a sentence,
 * outside imports, types, property keys, t()'s key and the console.
 */
export function findHardCodedInScript(file: string, sourceText: string): HardCodedText[] {
  const { source, found, report } = finder(file, sourceText, ts.ScriptKind.TS);
  const seen = new Set<ts.Node>();
  const once = (node: ts.Node) => {
    if (seen.has(node)) return;
    seen.add(node);
    report(node);
  };
  const reportLiterals = (expression: ts.Expression | undefined) => {
    if (expression)
      literalTexts(expression)
        .filter((node) => !isKeyOrColour(textOf(node, source)))
        .forEach(once);
  };
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAssignment(node) && isTextKey(propertyKey(node.name))) {
      const value = node.initializer;
      if (ts.isArrowFunction(value) || ts.isFunctionExpression(value))
        returnedExpressions(value).forEach(reportLiterals);
      else reportLiterals(value);
    } else if (ts.isMethodDeclaration(node) && isTextKey(propertyKey(node.name))) {
      returnedExpressions(node).forEach(reportLiterals);
    } else if (ts.isNewExpression(node) && /Error$/.test(node.expression.getText(source))) {
      reportLiterals(node.arguments?.[0]);
    } else if (
      (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) &&
      looksLikeWords(node.text) &&
      !isCodeString(node)
    ) {
      once(node);
    } else if (ts.isTemplateExpression(node) && !isCodeString(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
      if (parts.some(looksLikeWords)) once(node);
    }
    checkScriptText(node, reportLiterals);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found.sort((a, b) => a.line - b.line);
}

export function describeHardCoded(found: readonly HardCodedText[]): string {
  return found.map((f) => `${f.file}:${f.line}: ${JSON.stringify(f.text)}`).join('\n');
}
