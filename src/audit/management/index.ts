/** The Office 365 Management Activity API source: the client and the content filter. */
export type { ContentPage, ManagementClientDeps, ManagementSettings, StartOutcome } from './client';
export { MANAGEMENT_SERVICE, ManagementActivityClient, createManagementActivityClient, managementForbiddenMessage } from './client';
export type { FilterOutcome, FilteredContent, KeptRecord, UnreadableRecord } from './filter';
export { filterContent } from './filter';
export type { ContentBlob, Subscription } from './wire';
export { AF, CONTENT_TYPE, DEFAULT_MANAGEMENT_BASE_URL, MANAGEMENT_PERMISSION, MANAGEMENT_SCOPE, managementDateTime, parseManagementTime } from './wire';
