/** A place in the repository: `file` is relative to the checked root with `/` separators; line and column are 1-based. */
export interface Position {
  file: string;
  line: number;
  column: number;
}

/** A value read from a file, with the position of the node the user would edit (actionlint's `{Value, Pos}`). */
export interface Located<T> extends Position {
  value: T;
}

export function positionOf(located: Position): Position {
  return { file: located.file, line: located.line, column: located.column };
}
