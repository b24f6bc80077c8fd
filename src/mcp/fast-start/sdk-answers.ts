/**
 * What the MCP SDK answers to the first requests of a session, captured from the real SDK server
 * at build time (`probeSdkAnswers` in ./core.ts) and compiled into the npm helper's entry, so that
 * entry can answer before the SDK is loaded without a single hand-copied value.
 */

/** An answer's text on either side of the JSON-encoded request id; the line ends with `\n`. */
export type IdTemplate = readonly [before: string, after: string];

export type SdkAnswers = {
  /** `initialize` answers for each protocol version the SDK accepts (and echoes back). */
  initialize: ReadonlyArray<readonly [version: string, answer: IdTemplate]>;
  /** The `initialize` answer for any other requested version. */
  initializeOther: IdTemplate;
  /** The error for a request no handler exists for. */
  methodNotFound: IdTemplate;
  /** Request methods the server has handlers for; of these, only `initialize` is answered early. */
  handledMethods: readonly string[];
};

/** The answer line for a request id. */
export function fillId(template: IdTemplate, id: string | number): string {
  return `${template[0]}${JSON.stringify(id)}${template[1]}`;
}

/** Splits an answer captured with a sentinel id into its template; throws when that is not exact. */
export function toTemplate(line: string, sentinel: string): IdTemplate {
  const encoded = JSON.stringify(sentinel);
  const at = line.indexOf(encoded);
  if (at < 0 || line.indexOf(encoded, at + 1) >= 0)
    throw new Error(`the sentinel id must occur exactly once in the SDK's answer: ${line}`);
  return [line.slice(0, at), line.slice(at + encoded.length)];
}
