import { printable } from './letter.pdf';

describe('a letter’s text for the standard PDF fonts', () => {
  it('keeps Swedish and other Latin-1 letters, and the typographic quotes and dashes', () =>
    expect(printable('Åsa Öberg, Zoë Ångström – ”citat” €')).toBe('Åsa Öberg, Zoë Ångström – ”citat” €'));

  it('writes letters the fonts lack without their marks', () =>
    expect(printable('Łukasz Nguyễn, Dvořák, Şahin')).toBe('Lukasz Nguyen, Dvorák, Sahin'));

  it('marks what has no Latin form instead of printing a wrong glyph', () => expect(printable('李 Ali')).toBe('? Ali'));
});
