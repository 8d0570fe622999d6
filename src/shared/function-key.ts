// How chkpt recognizes a function of the script's own code among all the
// functions of the heap without asking the inspector about each one: by the
// text `Function.prototype.toString` gives it (for a function of a script,
// the slice of that script's source from the function's start to its end).

/** Characters of a function's text that its key keeps, besides its length. */
const HEAD = 24;
// Captured when chkpt loads: the main thread computes keys during a pause,
// where nothing the script may have replaced must run.
const slice = Function.prototype.call.bind(String.prototype.slice) as (text: string, start: number, end: number) => string;

/** The key of a function whose source text is `text`. */
export function functionKey(text: string): string {
  return `${text.length}:${slice(text, 0, HEAD)}`;
}
