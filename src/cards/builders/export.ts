import type { Operation } from '../../audit/event';
import type { Language } from '../../i18n/reasons';
import { formatSpan, usableZone } from '../format';
import { escapeMarkdown } from '../markdown';
import type { AdaptiveCard } from '../render';
import { renderTemplate } from '../render';
import { stringsFor } from '../../i18n/cards';

/** Teams' attachment types for the file consent flow (personal chats only). */
export const FILE_CONSENT_CARD = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CARD = 'application/vnd.microsoft.teams.card.file.info';

/** A Bot Framework attachment of the file consent flow (the cards need no Bot Framework types). */
export interface FileAttachment {
  readonly contentType: string;
  readonly name: string;
  readonly contentUrl?: string;
  readonly content: Record<string, unknown>;
}

/** What an export card says instead of a file. */
export type ExportNotice =
  | { readonly kind: 'empty' }
  /** A group chat or channel: the file can only go to a personal chat; `question` is the one to ask there. */
  | { readonly kind: 'personal-only'; readonly question: string | null }
  | { readonly kind: 'declined' }
  | { readonly kind: 'failed' }
  | { readonly kind: 'expired' };

export function exportNoticeCard(language: Language, notice: ExportNotice): AdaptiveCard {
  const words = stringsFor(language).exportFile;
  const card = (title: typeof words.emptyTitle, text: typeof words.empty): AdaptiveCard =>
    renderTemplate('notice', { title, text, facts: [], note: '', undo: null }, language);
  switch (notice.kind) {
    case 'empty':
      return card(words.emptyTitle, words.empty);
    case 'personal-only':
      return card(words.personalOnlyTitle, words.personalOnly(notice.question === null ? null : escapeMarkdown(notice.question, 300)));
    case 'declined':
      return card(words.declinedTitle, words.declined);
    case 'failed':
      return card(words.failedTitle, words.failed);
    case 'expired':
      return card(words.failedTitle, words.expired);
    default:
      return notice satisfies never;
  }
}

export interface ConsentRequest {
  readonly fileName: string;
  readonly sizeInBytes: number;
  readonly rows: number;
  readonly total: number;
  readonly capped: boolean;
  readonly operation: Operation | null;
  /** Whose events: the identity sent as and/or the actor. */
  readonly who: string;
  readonly range: { readonly from: string; readonly to: string };
  readonly timeZone: string;
  /** Sent back by Teams in the `fileConsent/invoke` when the admin accepts or declines. */
  readonly acceptContext: Record<string, unknown>;
  readonly declineContext: Record<string, unknown>;
}

/** The FileConsentCard attachment: Teams shows it with Allow / Decline and opens an upload session on Allow. */
export function fileConsentAttachment(language: Language, request: ConsentRequest): FileAttachment {
  const words = stringsFor(language).exportFile;
  const span = formatSpan(request.range, usableZone(request.timeZone), language);
  const description = words.description(request.rows, request.operation, request.who, span) + (request.capped ? words.capped(request.rows, request.total) : '');
  return {
    contentType: FILE_CONSENT_CARD,
    name: request.fileName,
    content: {
      description,
      sizeInBytes: request.sizeInBytes,
      acceptContext: request.acceptContext,
      declineContext: request.declineContext,
    },
  };
}

/** What Teams sends in `uploadInfo` when the admin accepts, as far as the file card needs it. */
export interface UploadedFile {
  readonly name: string;
  readonly contentUrl: string;
  readonly uniqueId: string;
  readonly fileType: string;
}

/** The FileInfoCard attachment: the uploaded file, which the admin opens or downloads from the chat. */
export function fileInfoAttachment(file: UploadedFile): FileAttachment {
  return {
    contentType: FILE_INFO_CARD,
    contentUrl: file.contentUrl,
    name: file.name,
    content: { uniqueId: file.uniqueId, fileType: file.fileType },
  };
}
