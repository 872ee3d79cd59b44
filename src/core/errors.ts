/** An error as one line for a log: its message and the chain of causes. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  return cause ? `${error.message} (caused by ${describeError(cause)})` : error.message;
}
