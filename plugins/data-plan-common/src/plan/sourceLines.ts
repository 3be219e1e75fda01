/**
 * Lines of the source by 1-based number, split the way markdown-it splits them (`\r\n`,
 * `\r` or `\n`). Only line starts are indexed, so a large plan costs no string per line.
 */
export class SourceLines {
  readonly #text: string;
  #starts: number[] | undefined;
  #split: string[] | undefined;

  constructor(text: string) {
    this.#text = text;
  }

  get(line: number): string {
    const starts = this.#index();
    if (this.#split) return this.#split[line - 1] ?? '';
    if (line < 1 || line > starts.length) return '';
    const start = starts[line - 1];
    let end = line < starts.length ? starts[line] - 1 : this.#text.length;
    if (end > start && this.#text.charCodeAt(end - 1) === 13 /* \r */) end--;
    return this.#text.slice(start, end);
  }

  #index(): number[] {
    if (!this.#starts) {
      if (/\r(?!\n)/.test(this.#text)) {
        // Lone carriage returns are rare: split once rather than index them.
        this.#split = this.#text.split(/\r\n?|\n/);
        this.#starts = [];
        return this.#starts;
      }
      const starts = [0];
      let at = this.#text.indexOf('\n');
      while (at !== -1) {
        starts.push(at + 1);
        at = this.#text.indexOf('\n', at + 1);
      }
      this.#starts = starts;
    }
    return this.#starts;
  }
}
