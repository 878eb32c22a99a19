import ts from 'typescript';

/** A number handed to t() as it is: shown with String(n), not in the user's locale. */
export interface RawNumber {
  file: string;
  line: number;
  expression: string;
}

/** The substitutions of t(key, …) whose type is a number, in `files` of `program`. */
export function findRawNumbersInT(program: ts.Program, files: readonly string[]): RawNumber[] {
  const checker = program.getTypeChecker();
  const found: RawNumber[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`Not in the program: ${file}`);
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 't') {
        for (const argument of node.arguments.slice(1)) {
          if (checker.getTypeAtLocation(argument).flags & ts.TypeFlags.NumberLike) {
            const line = source.getLineAndCharacterOfPosition(argument.getStart(source)).line + 1;
            found.push({ file: source.fileName, line, expression: argument.getText(source) });
          }
        }
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
