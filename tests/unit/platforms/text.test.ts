import { describe, expect, it } from 'vitest';
import { ParticipantList } from '../../../utils/platforms/participants';
import { cleanText, displayName, findEmail, nameKey, rowMarksSelf } from '../../../utils/platforms/text';

describe('text helpers', () => {
  it('cleanText trims, collapses whitespace and drops invisible formatting, keeping joiners', () => {
    expect(cleanText('  Grace\u00a0\u00a0 Mensah\n')).toBe('Grace Mensah');
    expect(cleanText('\u200eGrace\u200b \u2067Mensah\u2069\ufeff')).toBe('Grace Mensah');
    expect(cleanText('👩🏽\u200d💻 Aisha')).toBe('👩🏽\u200d💻 Aisha');
    expect(cleanText('می\u200cخواهم')).toBe('می\u200cخواهم');
    expect(cleanText(null)).toBe('');
  });

  it('displayName drops the platforms’ labels at the end of a name, and only those', () => {
    expect(displayName('Priya Raman (You)')).toBe('Priya Raman');
    expect(displayName('Priya Raman (Host, me)')).toBe('Priya Raman');
    expect(displayName('Grace Mensah (Presentation)')).toBe('Grace Mensah');
    expect(displayName('Siobhan O’Neill (Guest) (External)')).toBe('Siobhan O’Neill');
    expect(displayName('Tom Fairbairn (Hartside Council)')).toBe('Tom Fairbairn (Hartside Council)');
    expect(displayName('(You)')).toBe('');
    expect(displayName('Sam (me) Taylor')).toBe('Sam (me) Taylor');
  });

  it('rowMarksSelf needs a self label the name itself does not explain', () => {
    expect(rowMarksSelf('Priya Raman(You)Meeting host', 'Priya Raman')).toBe(true);
    expect(rowMarksSelf('Priya Raman (Host, me)', 'Priya Raman')).toBe(true);
    expect(rowMarksSelf('Sam (me) Taylor', 'Sam (me) Taylor')).toBe(false);
    expect(rowMarksSelf('Grace MensahPresenting', 'Grace Mensah')).toBe(false);
  });

  it('nameKey ignores case, spacing and composed / decomposed accents', () => {
    expect(nameKey(' ZOË  brontë')).toBe(nameKey('Zoe\u0308 Bronte\u0308'));
    expect(nameKey('Grace Mensah')).not.toBe(nameKey('Grace Mensah-Boateng'));
  });

  it('findEmail finds an address in attributes and text, lower-cased', () => {
    expect(findEmail('mailto:Grace.Mensah@AgeUKHartside.example?subject=x')).toBe('grace.mensah@ageukhartside.example');
    expect(findEmail('Priya Raman <priya.raman@hartsidecvs.example>.')).toBe('priya.raman@hartsidecvs.example');
    expect(findEmail('Priya Raman')).toBeNull();
  });
});

describe('ParticipantList', () => {
  it('merges the same person seen twice and keeps an email shown on either sighting', () => {
    const list = new ParticipantList();
    list.add('Tom Fairbairn');
    list.add('tom  fairbairn', 'tom.fairbairn@hartside-council.example');
    list.add('Grace Mensah (Presentation)');
    list.add('Grace Mensah');
    list.add('   ');
    expect(list.participants).toEqual([
      { name: 'Tom Fairbairn', email: 'tom.fairbairn@hartside-council.example' },
      { name: 'Grace Mensah' },
    ]);
  });

  it("keeps two people of one name apart by the platform's participant id, and folds one id seen twice", () => {
    const list = new ParticipantList();
    expect(list.add('Sam Patel', null, { id: 'devices/104' })).toBe('Sam Patel');
    list.add('Sam Patel', null, { id: 'devices/117' });
    list.add('sam patel', null, { id: 'devices/104' });
    // A sighting without an id (a screen share's tile) is one of them, not a third person.
    list.add('Sam Patel (Presentation)');
    expect(list.participants).toEqual([
      { name: 'Sam Patel', id: 'devices/104' },
      { name: 'Sam Patel', id: 'devices/117' },
    ]);
  });

  it('takes a sighting without an id first, then gives it the id seen next', () => {
    const list = new ParticipantList();
    list.add('Grace Mensah (Presentation)');
    list.add('Grace Mensah', null, { id: 'devices/117' });
    list.add('Grace Mensah', null, { id: 'devices/130' });
    expect(list.participants).toEqual([
      { name: 'Grace Mensah', id: 'devices/117' },
      { name: 'Grace Mensah', id: 'devices/130' },
    ]);
  });

  it('keeps a row of its own (a list that names each person once) apart from every namesake', () => {
    const list = new ParticipantList();
    list.add('Barak Kolnik', null, { ownRow: true });
    list.add('Barak Kolnik', null, { ownRow: true });
    expect(list.participants).toEqual([{ name: 'Barak Kolnik' }, { name: 'Barak Kolnik' }]);
  });

  it('keeps namesakes with different emails apart', () => {
    const list = new ParticipantList();
    list.add('Sam Patel', 'sam.patel@hartside-council.example');
    list.add('Sam Patel', 'sam@northmoorta.example');
    expect(list.participants).toHaveLength(2);
  });
});
