import type { FileConsentCardResponse, TurnContext } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import { languageOf } from '../i18n/reasons';
import { exportNoticeCard, fileInfoAttachment, parseCardAction } from '../cards';
import { stringsFor } from '../i18n/cards';
import type { UploadOutcome } from '../export/upload';
import { uploadToSession } from '../export/upload';
import type { Logger } from '../runtime/logger';
import type { Asker, ExportOffer, Responder } from './respond';

/** The upload session's answer, as far as the bot needs it (Teams' `uploadInfo`). */
function uploadInfoOf(response: FileConsentCardResponse): { uploadUrl: string; name: string; contentUrl: string; uniqueId: string; fileType: string } | null {
  const info = response.uploadInfo;
  const text = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
  if (info === undefined || !text(info.uploadUrl) || !text(info.name) || !text(info.contentUrl) || !text(info.uniqueId)) return null;
  return { uploadUrl: info.uploadUrl, name: info.name, contentUrl: info.contentUrl, uniqueId: info.uniqueId, fileType: text(info.fileType) ? info.fileType : 'csv' };
}

/**
 * Exports through Teams' file consent flow: offer the file with a consent card, upload it into the
 * session Teams opens on Allow, show it with a file card; say so on Decline. The bot authorises the
 * sender before any of this.
 */
export class FileConsentFlow {
  constructor(
    private readonly responder: Pick<Responder, 'prepareExport'>,
    private readonly logger: Logger,
    private readonly upload: (uploadUrl: string, bytes: Buffer) => Promise<UploadOutcome> = uploadToSession,
  ) {}

  /**
   * Files go only to personal chats (Teams' file consent flow); a group chat or channel is told to
   * continue in a personal chat, which also keeps audit data out of shared conversations.
   */
  async offer(context: TurnContext, asker: Asker, offer: ExportOffer): Promise<void> {
    const language = offer.language ?? languageOf(asker.locale);
    const conversationType = context.activity.conversation?.conversationType;
    if (conversationType !== undefined && conversationType !== 'personal') {
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(exportNoticeCard(language, { kind: 'personal-only', question: offer.question }))] });
      return;
    }
    const prepared = await this.responder.prepareExport(offer.scope, asker, language);
    if (prepared.kind === 'empty') {
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(prepared.card)] });
      return;
    }
    this.logger.info({ event: 'export-offered', rows: prepared.file.rows, capped: prepared.file.capped, bytes: prepared.file.bytes.length }, 'offered an export');
    await context.sendActivity({ attachments: [prepared.consent] });
  }

  /**
   * Accepted: the file is built again from the scope Teams sends back (nothing was kept since the offer),
   * put into the upload session, and shown as a file card.
   */
  async accept(context: TurnContext, asker: Asker, response: FileConsentCardResponse): Promise<void> {
    const language = languageOf(asker.locale);
    const sendNotice = (kind: 'failed' | 'expired'): Promise<unknown> =>
      context.sendActivity({ attachments: [CardFactory.adaptiveCard(exportNoticeCard(language, { kind }))] });
    const scope = parseCardAction((response.context as { export?: unknown } | undefined)?.export);
    const info = uploadInfoOf(response);
    if (!scope.ok || scope.action.verb !== 'export' || info === null) {
      this.logger.warn({ event: 'bad-file-consent', error: scope.ok ? 'uploadInfo is incomplete' : scope.error }, 'refused a malformed file consent');
      await sendNotice('failed');
      return;
    }
    const prepared = await this.responder.prepareExport(scope.action, asker);
    if (prepared.kind === 'empty') {
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(prepared.card)] });
      return;
    }
    const outcome = await this.upload(info.uploadUrl, prepared.file.bytes);
    if (outcome.kind !== 'uploaded') {
      this.logger.warn({ event: 'export-upload-failed', outcome: outcome.kind, status: outcome.status }, 'could not upload an export');
      await sendNotice(outcome.kind === 'expired' ? 'expired' : 'failed');
      return;
    }
    this.logger.info({ event: 'export-uploaded', rows: prepared.file.rows, bytes: prepared.file.bytes.length }, 'uploaded an export');
    await context.sendActivity({
      text: stringsFor(language).exportFile.uploaded(info.name, prepared.file.rows),
      attachments: [fileInfoAttachment(info)],
    });
  }

  async decline(context: TurnContext, asker: Asker): Promise<void> {
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(exportNoticeCard(languageOf(asker.locale), { kind: 'declined' }))] });
  }
}
