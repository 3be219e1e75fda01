/**
 * Lines of the source by 1-based number, split the way markdown-it splits them (`\r\n`,
 * `\r` or `\n`). A cursor walks forward to the line asked for, so that lines asked for in
 * document order (as the block reader asks for table rows) cost one pass over the text,
 * and a large plan costs neither a string nor an index entry per line.
 */
export class SourceLines {
  readonly #text: string;
  /** Set when the text has a lone `\r`: then it is split once instead. */
  #split: string[] | undefined;
  #checked = false;
  /** The line the cursor is on, and where it starts. */
  #line = 1;
  #start = 0;

  constructor(text: string) {
    this.#text = text;
  }

  get(line: number): string {
    const split = this.#lines();
    if (split) return split[line - 1] ?? '';
    if (line < 1) return '';
    if (line < this.#line) {
      this.#line = 1;
      this.#start = 0;
    }
    const text = this.#text;
    while (this.#line < line) {
      const end = text.indexOf('\n', this.#start);
      if (end === -1) return '';
      this.#start = end + 1;
      this.#line++;
    }
    let end = text.indexOf('\n', this.#start);
    if (end === -1) end = text.length;
    if (end > this.#start && text.charCodeAt(end - 1) === 13 /* \r */) end--;
    return text.slice(this.#start, end);
  }

  #lines(): string[] | undefined {
    if (!this.#checked) {
      this.#checked = true;
      // Lone carriage returns are rare: split once rather than walk them.
      if (this.#text.indexOf('\r') !== -1 && /\r(?!\n)/.test(this.#text)) {
        this.#split = this.#text.split(/\r\n?|\n/);
      }
    }
    return this.#split;
  }
}
