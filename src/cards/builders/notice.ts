import type { Language } from '../../classify/messages';
import type { Anomaly, AnomalyKind } from '../../detect/anomaly';
import { formatInstant, usableZone } from '../format';
import { authored, escapeMarkdown } from '../markdown';
import type { FactView } from '../models';
import type { AdaptiveCard } from '../render';
import { renderTemplate } from '../render';
import { stringsFor } from '../strings';
import { fact } from './common';

/** What a short confirmation card says. */
export type Notice =
  /** Notifications turned on (or already on); `queued` recent anomalies are on their way. */
  | { readonly kind: 'subscribed'; readonly already: boolean; readonly queued: number }
  | { readonly kind: 'unsubscribed'; readonly already: boolean }
  | { readonly kind: 'muted'; readonly anomalyKind: AnomalyKind; readonly mailbox: string; readonly already: boolean }
  /** The header above an anomaly's evidence events; `timeZone` for its time. */
  | { readonly kind: 'evidence'; readonly anomaly: Anomaly; readonly timeZone: string }
  | { readonly kind: 'anomaly-unknown' }
  /** This conversation cannot receive proactive cards (no reference could be kept for it). */
  | { readonly kind: 'unavailable' };

/** Short confirmations and notes: notifications on or off, a mute, the head of an evidence list. */
export function noticeCard(language: Language, notice: Notice): AdaptiveCard {
  const strings = stringsFor(language);
  const words = strings.notice;
  switch (notice.kind) {
    case 'subscribed':
      return renderTemplate('notice', {
        title: words.subscribedTitle,
        text: notice.already ? words.alreadySubscribed : words.subscribed,
        facts: [],
        note: notice.queued > 0 ? authored(`${words.queued(notice.queued)} ${words.subscribedNote}`) : words.subscribedNote,
      });
    case 'unsubscribed':
      return renderTemplate('notice', { title: words.unsubscribedTitle, text: notice.already ? words.notSubscribed : words.unsubscribed, facts: [], note: '' });
    case 'muted': {
      const kind = strings.anomaly.kind[notice.anomalyKind];
      const mailbox = escapeMarkdown(notice.mailbox, 160);
      return renderTemplate('notice', {
        title: words.mutedTitle,
        text: notice.already ? words.alreadyMuted(kind, mailbox) : words.muted(kind, mailbox),
        facts: [],
        note: words.mutedNote,
      });
    }
    case 'evidence': {
      const { anomaly } = notice;
      const facts: FactView[] = [];
      if (anomaly.actor !== null && anomaly.actor !== '') facts.push(fact(strings.anomaly.actor, escapeMarkdown(anomaly.actor, 160)));
      if (anomaly.mailbox !== null && anomaly.mailbox !== '') facts.push(fact(strings.anomaly.mailbox, escapeMarkdown(anomaly.mailbox, 160)));
      facts.push(fact(strings.anomaly.at, authored(formatInstant(anomaly.at, usableZone(notice.timeZone), language))));
      return renderTemplate('notice', {
        title: words.evidenceTitle(strings.anomaly.kind[anomaly.kind]),
        text: words.evidence(anomaly.evidence.length),
        facts,
        note: strings.timesIn(escapeMarkdown(usableZone(notice.timeZone), 64)),
      });
    }
    case 'anomaly-unknown':
      return renderTemplate('notice', { title: words.unknownTitle, text: words.unknown, facts: [], note: '' });
    case 'unavailable':
      return renderTemplate('notice', { title: words.unavailableTitle, text: words.unavailable, facts: [], note: '' });
    default:
      return notice satisfies never;
  }
}
