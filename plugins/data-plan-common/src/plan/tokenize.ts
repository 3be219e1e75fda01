import MarkdownIt from 'markdown-it';

/**
 * Block tokens of markdown-it, as parsePlan reads them.
 *
 * @public
 */
export type PlanToken = ReturnType<
  InstanceType<typeof MarkdownIt>['parse']
>[number];

// Block structure only: inline content stays raw text (cells, list items and headings are
// read as written), which is all the plan format needs and a good deal faster. Setext
// headings and link reference definitions are off so that `Text` over `---`, or a line
// such as `[NAME]: …`, keeps its meaning as plan text.
const markdown = new MarkdownIt('default', {
  html: false,
  linkify: false,
  typographer: false,
});
markdown.block.ruler.disable(['lheading', 'reference', 'html_block']);
markdown.core.ruler.disable(
  ['inline', 'linkify', 'replacements', 'smartquotes', 'text_join'],
  true,
);

/**
 * Tokenises a plan document with GFM tables: the same tokenisation parsePlan performs.
 *
 * @public
 */
export function tokenizePlan(text: string): PlanToken[] {
  return markdown.parse(text, {});
}
