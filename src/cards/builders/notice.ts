import type { Language } from '../../i18n/reasons';
import type { Anomaly, DetectedKind } from '../../detect/anomaly';
import { formatInstant, usableZone } from '../format';
import { authored, escapeMarkdown } from '../markdown';
import type { NoticeCardData } from '../models';
import type { AdaptiveCard } from '../render';
import { renderTemplate } from '../render';
import { stringsFor } from '../../i18n/cards';
import { sendEventsCited } from '../../rights/anomaly';
import { anomalyText } from './anomaly';
import { actionableAddress, fact } from './common';

/** What a short confirmation card says. */
export type Notice =
  /** Notifications turned on (or already on); `queued` recent anomalies are on their way. */
  | { readonly kind: 'subscribed'; readonly already: boolean; readonly queued: number }
  | { readonly kind: 'unsubscribed'; readonly already: boolean }
  | { readonly kind: 'muted'; readonly anomalyKind: DetectedKind; readonly mailbox: string; readonly already: boolean }
  /** A mute lifted (`already`: there was none). */
  | { readonly kind: 'unmuted'; readonly anomalyKind: DetectedKind; readonly mailbox: string; readonly already: boolean }
  /** The header above an anomaly's evidence events; `timeZone` for its time. */
  | { readonly kind: 'evidence'; readonly anomaly: Anomaly; readonly timeZone: string }
  | { readonly kind: 'anomaly-unknown' }
  /** This conversation cannot receive proactive cards (no reference could be kept for it). */
  | { readonly kind: 'unavailable' }
  /** A button sent data the bot cannot read (an old or altered card). */
  | { readonly kind: 'unreadable-action' };

function render(language: Language, data: Omit<NoticeCardData, 'undo'> & Partial<Pick<NoticeCardData, 'undo'>>): AdaptiveCard {
  return renderTemplate('notice', { undo: null, ...data }, language);
}

/** Short confirmations and notes: notifications on or off, a mute and its undo, the head of an evidence list. */
export function noticeCard(language: Language, notice: Notice): AdaptiveCard {
  const strings = stringsFor(language);
  const words = strings.notice;
  switch (notice.kind) {
    case 'subscribed':
      return render(language, {
        title: words.subscribedTitle,
        text: notice.already ? words.alreadySubscribed : words.subscribed,
        facts: [],
        note: notice.queued > 0 ? authored(`${words.queued(notice.queued)} ${words.subscribedNote}`) : words.subscribedNote,
      });
    case 'unsubscribed':
      return render(language, { title: words.unsubscribedTitle, text: notice.already ? words.notSubscribed : words.unsubscribed, facts: [], note: '' });
    case 'muted':
    case 'unmuted': {
      const kind = strings.anomaly.kind[notice.anomalyKind];
      const mailbox = escapeMarkdown(notice.mailbox, 160);
      if (notice.kind === 'unmuted') {
        return render(language, { title: words.unmutedTitle, text: notice.already ? words.notMuted(kind, mailbox) : words.unmuted(kind, mailbox), facts: [], note: '' });
      }
      return render(language, {
        title: words.mutedTitle,
        text: notice.already ? words.alreadyMuted(kind, mailbox) : words.muted(kind, mailbox),
        facts: [],
        note: words.mutedNote,
        undo: actionableAddress(notice.mailbox)
          ? { title: words.undoMute, action: { verb: 'unmute', kind: notice.anomalyKind, mailbox: notice.mailbox.trim() } }
          : null,
      });
    }
    case 'evidence': {
      const { anomaly } = notice;
      const zone = usableZone(notice.timeZone);
      // The anomaly's own sentence and facts, as its card showed them: the same numbers in both places.
      const { sentence, facts } = anomalyText(strings, zone, language, anomaly);
      return render(language, {
        title: words.evidenceTitle(strings.anomaly.kind[anomaly.kind]),
        text: authored(`${sentence} ${words.evidence(sendEventsCited(anomaly).length)}`),
        facts: [fact(strings.anomaly.at, authored(formatInstant(anomaly.at, zone, language))), ...facts],
        note: strings.timesIn(zone),
      });
    }
    case 'anomaly-unknown':
      return render(language, { title: words.unknownTitle, text: words.unknown, facts: [], note: '' });
    case 'unavailable':
      return render(language, { title: words.unavailableTitle, text: words.unavailable, facts: [], note: '' });
    case 'unreadable-action':
      return render(language, { title: words.unreadableActionTitle, text: words.unreadableAction, facts: [], note: '' });
    default:
      return notice satisfies never;
  }
}
