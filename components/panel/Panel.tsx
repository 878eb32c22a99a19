import { useComputed, useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { browser } from '#imports';
import type { PulseDatabase } from '../../utils/db/schema';
import type { RecordsModel } from '../../utils/models/records';
import type { LiveTabModel } from '../../utils/models/live-tab';
import { t, type MessageKey } from '../../utils/i18n/messages';
import { formatNumber } from '../../utils/i18n/format';
import { markReady } from '../../utils/perf/ready';
import { CallView } from './CallView';
import { CalendarView } from './CalendarView';
import { EditMeeting } from '../meeting/EditMeeting';
import { MeetingList } from '../meeting/MeetingList';
import { LazyChatCodesOffer, LazyPulsesView } from '../pulse/lazy';
import { StartPulseContext } from '../pulse/start-pulse-context';
import { plural } from '../../utils/i18n/plural';

type View =
  | { name: 'page' }
  | { name: 'new' }
  | { name: 'meetings'; focus?: boolean }
  | { name: 'edit'; meetingId: string }
  | { name: 'pulses'; startForMeetingId?: string };

/** The side panel: the current call or event, a meeting by hand, and the logged meetings. */
export function Panel(props: {
  db: PulseDatabase;
  records: RecordsModel;
  live: LiveTabModel;
  tabId: number | null;
  defaultPartnershipId: string;
}) {
  const { db, records, live, tabId, defaultPartnershipId } = props;
  const call = useComputed(() => live.live.value.call);
  const calendar = live.live.value.calendar;
  const onPage = !!call.value || !!calendar;
  // Until the lead picks a section, follow the page: a call or event that appears comes first.
  const view = useSignal<View | null>(null);

  const tabs: Array<{ view: View; label: MessageKey }> = [
    ...(onPage ? [{ view: { name: 'page' } as View, label: (call.value ? 'tabCall' : 'tabEvent') as MessageKey }] : []),
    { view: { name: 'new' }, label: 'tabNewMeeting' },
    { view: { name: 'meetings' }, label: 'tabMeetings' },
    { view: { name: 'pulses' }, label: 'tabPulses' },
  ];
  const current: View = view.value ?? (onPage ? { name: 'page' } : { name: 'meetings' });
  // Views with a form or a list mark themselves ready once their data is in; a plain notice is ready at once.
  const showsNotice = current.name === 'page' && !call.value && !calendar?.event;
  useEffect(() => {
    if (showsNotice) markReady();
  }, [showsNotice]);

  const startPulse = (meetingId: string) => (view.value = { name: 'pulses', startForMeetingId: meetingId });

  const popOut = () =>
    void browser.windows.create({
      url: browser.runtime.getURL(`/sidepanel.html${tabId === null ? '' : `?tab=${tabId}`}`),
      type: 'popup',
      width: 400,
      height: 800,
    });

  return (
    <div class="panel">
      <header class="panel-header">
        <h1>{t('extensionName')}</h1>
        <nav aria-label={t('panelNavigation')}>
          {tabs.map((tab) => (
            <button
              key={tab.view.name}
              type="button"
              aria-current={current.name === tab.view.name ? 'page' : undefined}
              onClick={() => (view.value = tab.view)}
            >
              {t(tab.label)}
            </button>
          ))}
        </nav>
      </header>
      {(live.live.value.chatCodes?.length ?? 0) > 0 && (
        <LazyChatCodesOffer db={db} codes={live.live.value.chatCodes!} />
      )}
      {(live.live.value.chatCodesDamaged ?? 0) > 0 && (
        <p class="notice" role="status">
          {plural(
            'chatCodesDamaged',
            live.live.value.chatCodesDamaged!,
            formatNumber(live.live.value.chatCodesDamaged!),
          )}
        </p>
      )}
      <StartPulseContext.Provider value={startPulse}>
        <main>
          {current.name === 'page' && call.value && (
            <CallView
              db={db}
              records={records}
              call={call}
              chat={{ open: live.live.value.chatOpen, codes: live.live.value.chatCodes?.length ?? 0 }}
              defaultPartnershipId={defaultPartnershipId}
            />
          )}
          {current.name === 'page' && !call.value && calendar && (
            <CalendarView db={db} records={records} snapshot={calendar} defaultPartnershipId={defaultPartnershipId} />
          )}
          {current.name === 'page' && !onPage && <p class="notice">{t('nothingOnPage')}</p>}
          {current.name === 'new' && (
            <EditMeeting
              db={db}
              records={records}
              meetingId={null}
              defaultPartnershipId={defaultPartnershipId}
              onDone={() => (view.value = { name: 'meetings', focus: true })}
            />
          )}
          {current.name === 'edit' && (
            <EditMeeting
              key={current.meetingId}
              db={db}
              records={records}
              meetingId={current.meetingId}
              defaultPartnershipId={defaultPartnershipId}
              focusHeading
              onDone={() => (view.value = { name: 'meetings', focus: true })}
            />
          )}
          {current.name === 'meetings' && (
            <MeetingList
              db={db}
              records={records}
              focusHeading={!!current.focus}
              onEdit={(meetingId) => (view.value = { name: 'edit', meetingId })}
              onStartPulse={startPulse}
            />
          )}
          {current.name === 'pulses' && (
            <LazyPulsesView
              db={db}
              records={records}
              defaultPartnershipId={defaultPartnershipId}
              startForMeetingId={current.startForMeetingId}
            />
          )}
        </main>
      </StartPulseContext.Provider>
      <footer class="panel-footer">
        <button
          type="button"
          class="link"
          onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/dashboard.html') })}
        >
          {t('openDashboard')}
        </button>
        <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('openManagement')}
        </button>
        <button type="button" class="link" onClick={popOut}>
          {t('popOut')}
        </button>
      </footer>
    </div>
  );
}
