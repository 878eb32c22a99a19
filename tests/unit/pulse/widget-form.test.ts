import { describe, expect, it } from 'vitest';
import { FIELD, NOT_SAID, randomUuid, responseFromForm } from '../../../widget/form';
import { makeSeatToken } from '../../../utils/pulse/seats';
import { NOW, PULSE_ID, QUESTION_IDS, sampleInvite } from './helpers';

const made = { responseId: 'r-1', answeredAt: NOW };
const reader = (fields: Record<string, string>) => (name: string) => fields[name] ?? null;

describe('responseFromForm', () => {
  it('turns the filled-in form into the payload to seal', async () => {
    const invite = await sampleInvite();
    const payload = responseFromForm(
      invite,
      reader({
        [FIELD.partnerType]: 'wider',
        [FIELD.question(0)]: '5',
        [FIELD.question(1)]: NOT_SAID,
        [FIELD.question(2)]: '0',
        [FIELD.question(3)]: '  Shorter meetings.  ',
        [FIELD.comment]: ' Thanks ',
      }),
      made,
    );
    expect(payload).toEqual({
      v: 2,
      pulseId: PULSE_ID,
      responseId: 'r-1',
      partnerType: 'wider',
      answers: {
        [QUESTION_IDS[0]!]: 5,
        [QUESTION_IDS[1]!]: null,
        [QUESTION_IDS[2]!]: 0,
        [QUESTION_IDS[3]!]: 'Shorter meetings.',
      },
      comment: 'Thanks',
      answeredAt: NOW,
    });
  });

  it('is null until a partner type is chosen, and ignores a type that does not exist', async () => {
    const invite = await sampleInvite();
    expect(responseFromForm(invite, reader({}), made)).toBeNull();
    expect(responseFromForm(invite, reader({ [FIELD.partnerType]: 'chair' }), made)).toBeNull();
  });

  it('counts skipped questions, empty texts and values off the scale as "prefer not to say"', async () => {
    const invite = await sampleInvite();
    const payload = responseFromForm(
      invite,
      reader({
        [FIELD.partnerType]: 'core',
        [FIELD.question(0)]: '6',
        [FIELD.question(2)]: '2.5',
        [FIELD.question(3)]: '   ',
      }),
      made,
    );
    expect(payload?.answers).toEqual({
      [QUESTION_IDS[0]!]: null,
      [QUESTION_IDS[1]!]: null,
      [QUESTION_IDS[2]!]: null,
      [QUESTION_IDS[3]!]: null,
    });
  });

  it('leaves out an empty comment', async () => {
    const payload = responseFromForm(
      await sampleInvite(),
      reader({ [FIELD.partnerType]: 'lead', [FIELD.comment]: ' ' }),
      made,
    );
    expect(payload).not.toHaveProperty('comment');
  });

  it("on a personal link, carries the seat's token and no partner type, whatever the form claims", async () => {
    const token = makeSeatToken();
    const invite = await sampleInvite({ seat: { token, label: 'Council' } });
    for (const claimed of [{}, { [FIELD.partnerType]: 'lead' }]) {
      const payload = responseFromForm(invite, reader({ ...claimed, [FIELD.question(0)]: '4' }), made);
      expect(payload?.token).toBe(token);
      expect(payload).not.toHaveProperty('partnerType');
    }
  });
});

describe('randomUuid', () => {
  it('makes distinct version-4 UUIDs', () => {
    const ids = new Set(Array.from({ length: 100 }, randomUuid));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
