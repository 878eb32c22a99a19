import { useModel } from '@preact/signals';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Pulse } from '../../utils/db/records';
import type { PulseDatabase } from '../../utils/db/schema';
import type { RecordsModel } from '../../utils/models/records';
import { PulsesListModel } from '../../utils/pulse/pulses-list';
import { formatNumber } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/messages';
import { markReady } from '../../utils/perf/ready';
import { useFeed } from '../shared/hooks/useFeed';
import { StartPulse } from './StartPulse';
import { PulseDetail } from './PulseDetail';
import { pulseLabel } from './labels';
import './pulse.css';

/**
 * The panel's Pulses section: start a pulse (from a logged meeting, or for a partnership and a
 * period), then each pulse's link, live state, collection and results.
 */
export function PulsesView(props: {
  db: PulseDatabase;
  records: RecordsModel;
  defaultPartnershipId: string;
  /** Opened from "Start a pulse" on a meeting: the form starts with that meeting. */
  startForMeetingId?: string;
}) {
  const { db, records, defaultPartnershipId, startForMeetingId } = props;
  const model = useModel(() => new PulsesListModel(db, startForMeetingId));
  const pulses = model.pulses.value;
  const meetings = model.meetings.value;
  const starting = model.starting.value;
  const selectedId = model.selectedId.value;
  // After the form closes or a pulse is picked, where the focus goes: that pulse, or the section (cancelled). Focus
  // is the page's, not the model's: it stays here with the headings it moves to.
  const [focusAfterForm, setFocusAfterForm] = useState<'pulse' | 'section' | null>(null);
  const sectionHeading = useRef<HTMLHeadingElement>(null);
  const pulseHeading = useRef<HTMLHeadingElement>(null);
  const picker = useRef<HTMLDetailsElement>(null);

  useEffect(() => {
    const target = focusAfterForm === 'pulse' ? pulseHeading.current : sectionHeading.current;
    if (!focusAfterForm || !target) return;
    // The new pulse's heading, not the one shown before it is listed.
    if (focusAfterForm === 'pulse' && !pulses?.some((p) => p.id === selectedId)) return;
    target.focus();
    setFocusAfterForm(null);
    // Once the form has gone and the pulse is listed (the headings render), whichever comes last.
  }, [focusAfterForm, starting, pulses, selectedId]);

  const loaded = pulses !== null;
  useEffect(() => {
    if (loaded) markReady();
  }, [loaded]);

  // Opened again from another meeting's "Start a pulse" while this section stays mounted.
  useFeed((meetingId) => {
    if (meetingId) model.start(meetingId);
  }, startForMeetingId);

  if (starting) {
    return (
      <StartPulse
        db={db}
        records={records}
        meetingId={starting.meetingId}
        defaultPartnershipId={defaultPartnershipId}
        onStarted={(pulse) => {
          model.started(pulse);
          setFocusAfterForm('pulse');
        }}
        onCancel={() => {
          model.cancel();
          setFocusAfterForm('section');
        }}
      />
    );
  }

  // A pulse picked: the list folds away and the focus goes to the pulse shown.
  const choose = (id: string) => {
    model.select(id);
    if (picker.current) picker.current.open = false;
    setFocusAfterForm('pulse');
  };
  const partnership = (pulse: Pulse) => records.partnerships.value.find((p) => p.id === pulse.partnershipId);
  const selected = model.selected.value;

  return (
    <section aria-labelledby="pulses-heading">
      <h2 id="pulses-heading" tabIndex={-1} ref={sectionHeading}>
        {t('pulsesHeading')}
      </h2>
      <button type="button" onClick={() => model.start()}>
        {t('startPulse')}
      </button>
      {pulses === null ? (
        <p>{t('loading')}</p>
      ) : pulses.length === 0 ? (
        <p>{t('pulsesEmpty')}</p>
      ) : (
        <>
          {/* Folded, so the chosen pulse (a closed one's results) comes first however many there are. */}
          {pulses.length > 1 && (
            <details class="pulse-picker" ref={picker}>
              <summary>{t('pulsesAll', formatNumber(pulses.length))}</summary>
              <ul class="pulse-list">
                {pulses.map((pulse) => (
                  <li key={pulse.id}>
                    <button
                      type="button"
                      class="link"
                      aria-current={pulse.id === selected?.id ? 'true' : undefined}
                      onClick={() => choose(pulse.id)}
                    >
                      {pulseLabel(pulse, partnership(pulse), pulse.meetingId ? meetings[pulse.meetingId] : undefined)}
                    </button>
                  </li>
                ))}
              </ul>
            </details>
          )}
          {selected && (
            <article class="pulse" aria-labelledby={`pulse-${selected.id}-heading`}>
              <h3 id={`pulse-${selected.id}-heading`} tabIndex={-1} ref={pulseHeading}>
                {pulseLabel(
                  selected,
                  partnership(selected),
                  selected.meetingId ? meetings[selected.meetingId] : undefined,
                )}
              </h3>
              {model.showStarted.value && (
                <p class="status" role="status">
                  {t('pulseStarted')}
                </p>
              )}
              <PulseDetail
                key={selected.id}
                db={db}
                records={records}
                pulse={selected}
                meeting={selected.meetingId ? meetings[selected.meetingId] : undefined}
              />
            </article>
          )}
        </>
      )}
    </section>
  );
}
