import { SectionNode } from '../blocks';
import { findChild, ParseContext } from '../context';
import { firstCodeSpan, normalizeHeading, splitKeyValue } from '../text';
import { ParsedTest, TestCategory } from '../types';
import { listTexts, topItems } from './lists';

function categoryOf(title: string): TestCategory | undefined {
  const heading = normalizeHeading(title);
  if (/unit/.test(heading)) return 'unit';
  if (/integration/.test(heading)) return 'integration';
  if (/validation/.test(heading)) return 'validation';
  return undefined;
}

/** Sections of 4.2 (or directly of 4) that hold tests, with their category. */
function testSections(node: SectionNode | undefined) {
  const found: Array<{ node: SectionNode; category: TestCategory }> = [];
  const visit = (section: SectionNode) => {
    for (const child of section.children) {
      const category = categoryOf(child.title);
      if (category && !/structure/.test(normalizeHeading(child.title))) {
        found.push({ node: child, category });
      } else {
        visit(child);
      }
    }
  };
  if (node) visit(node);
  return found;
}

export function readTests(
  ctx: ParseContext,
  node: SectionNode | undefined,
): { tests: ParsedTest[]; testSequence: string[] } {
  const tests: ParsedTest[] = [];
  for (const { node: section, category } of testSections(node)) {
    for (const item of topItems(section)) {
      const pair = splitKeyValue(item.text);
      if (!pair || pair.key !== 'test') continue;
      const name = ctx.value(pair.value, item.line, 'Test name');
      if (!name) continue;
      const test: ParsedTest = {
        category,
        name,
        validations: [],
        line: item.line,
      };
      for (const child of item.children) {
        const field = splitKeyValue(child.text);
        if (field?.key === 'file') {
          const file = firstCodeSpan(field.value);
          if (file && !ctx.placeholder(file, child.line, 'Test file'))
            test.file = file;
        } else if (field?.key.startsWith('validation')) {
          const inline = ctx.value(field.value, child.line, 'Validation');
          if (inline) test.validations.push(inline);
          for (const validation of child.children) {
            const text = ctx.value(
              validation.text,
              validation.line,
              'Validation',
            );
            if (text) test.validations.push(text);
          }
        }
      }
      tests.push(test);
    }
  }
  const testSequence = listTexts(
    ctx,
    findChild(node, /sequence|execution/),
    'Test execution step',
  );
  return { tests, testSequence };
}
