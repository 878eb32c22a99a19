import ts from 'typescript';

/** A number handed to t() as it is: shown with String(n), not in the user's locale. */
export interface RawNumber {
  file: string;
  line: number;
  expression: string;
}

const PRIMITIVE =
  ts.TypeFlags.StringLike |
  ts.TypeFlags.NumberLike |
  ts.TypeFlags.BooleanLike |
  ts.TypeFlags.Null |
  ts.TypeFlags.Undefined;

/**
 * A number, or a union of plain values that may be one (`string | number`): String(n) would
 * show it. Preact's ComponentChildren (elements, arrays… and numbers) is left to its renderer.
 */
function mayBeNumber(type: ts.Type): boolean {
  if (type.flags & ts.TypeFlags.NumberLike) return true;
  return (
    type.isUnion() &&
    type.types.every((part) => part.flags & PRIMITIVE) &&
    type.types.some((part) => part.flags & ts.TypeFlags.NumberLike)
  );
}

/**
 * Numbers shown as they are in `files` of `program`: the substitutions of t(key, …) and the
 * JSX children (`<td>{count}</td>`) whose type is or may be a number.
 */
export function findRawNumbersInT(program: ts.Program, files: readonly string[]): RawNumber[] {
  const checker = program.getTypeChecker();
  const found: RawNumber[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`Not in the program: ${file}`);
    const check = (expression: ts.Expression) => {
      if (mayBeNumber(checker.getTypeAtLocation(expression))) {
        const line = source.getLineAndCharacterOfPosition(expression.getStart(source)).line + 1;
        found.push({ file: source.fileName, line, expression: expression.getText(source) });
      }
    };
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 't') {
        node.arguments.slice(1).forEach(check);
      } else if (
        ts.isJsxExpression(node) &&
        node.expression &&
        (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))
      ) {
        check(node.expression);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

/** A program over `files` with the project's compiler options (tsconfig.json at `root`). */
export function projectProgram(root: string, files: readonly string[]): ts.Program {
  const config = ts.getParsedCommandLineOfConfigFile(
    `${root}/tsconfig.json`,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error(`Cannot read ${root}/tsconfig.json`);
  return ts.createProgram(files, { ...config.options, noEmit: true });
}
