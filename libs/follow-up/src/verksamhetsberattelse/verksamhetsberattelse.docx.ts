import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { Block, VerksamhetsberattelseDraft } from './verksamhetsberattelse-draft';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun(bold ? { text, bold } : text)] })] });

function element(block: Block): Paragraph | Table | Paragraph[] {
  switch (block.kind) {
    case 'title':
      return new Paragraph({ text: block.text, heading: HeadingLevel.TITLE });
    case 'heading1':
      return new Paragraph({ text: block.text, heading: HeadingLevel.HEADING_1 });
    case 'heading2':
      return new Paragraph({ text: block.text, heading: HeadingLevel.HEADING_2 });
    case 'paragraph':
      return new Paragraph({ text: block.text });
    case 'bullets':
      return block.items.map((text) => new Paragraph({ text, bullet: { level: 0 } }));
    case 'table':
      return new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({ tableHeader: true, children: block.header.map((h) => cell(h, true)) }),
          ...block.rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
        ],
      });
  }
}

/** The draft as a Word document in Swedish (the language set on the text, so spelling is checked as Swedish). */
export function verksamhetsberattelseDocx(draft: VerksamhetsberattelseDraft): Promise<Buffer> {
  const children = draft.blocks.flatMap((b) => {
    const e = element(b);
    // a table directly after another block reads better with a paragraph between (Word joins adjacent tables)
    return b.kind === 'table' ? [e as Table, new Paragraph({ text: '' })] : Array.isArray(e) ? e : [e];
  });
  const doc = new Document({
    creator: 'Synpunkt',
    title: draft.title,
    styles: { default: { document: { run: { language: { value: 'sv-SE' }, font: 'Calibri' } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
