/** Synthetic people and subjects for the demo tenant (contoso.com, TEST-NET addresses). */
export const FIRST_NAMES = [
  'adele', 'alex', 'allan', 'ben', 'chen', 'christie', 'diego', 'emily', 'grady', 'haruto', 'henrietta',
  'isaiah', 'johanna', 'joni', 'kenji', 'lee', 'lidia', 'lynne', 'megan', 'miriam', 'nestor', 'patti',
  'pradeep', 'sakura', 'yuki', 'aiko', 'ravi', 'sofia', 'tomas', 'wei', 'yara', 'zoe',
] as const;

export const LAST_NAMES = [
  'vance', 'wilber', 'deyoung', 'walker', 'li', 'cline', 'garcia', 'braun', 'archie', 'sato', 'harris',
  'tanaka', 'suzuki', 'lang', 'sherman', 'gu', 'holloway', 'guinn', 'bowen', 'caldwell', 'bay', 'fernandez',
  'gupta', 'ito', 'kobayashi', 'nakamura', 'ortiz', 'petrov', 'yamamoto', 'watanabe', 'kim', 'novak',
] as const;

export const SHARED_MAILBOXES = [
  'finance', 'hr', 'support', 'sales', 'payroll', 'legal', 'billing', 'recruiting', 'it-helpdesk', 'procurement',
] as const;

export const GROUP_MAILBOXES = [
  'marketing-news', 'it-announcements', 'product-launch', 'engineering', 'design-team', 'social-club',
  'security-updates', 'customer-stories',
] as const;

export const SUBJECTS = [
  'Invoice 4411 for October', 'Re: Purchase order PO-20931', 'Updated payment details', 'Q3 expense report',
  'Your support ticket #58213', 'Offer letter', 'Contract renewal', 'Re: Meeting notes', 'Welcome aboard',
  'Benefits enrolment reminder', 'Quote for 40 licences', 'Re: Shipment delayed', 'Timesheet approval',
  '請求書のご送付（10月分）', '見積書の件', 'お打ち合わせのお礼', '契約更新のご案内', 'Re: 支払い期日について',
] as const;

export const CONNECTOR_SUBJECTS = [
  'New post from @contoso on X', 'RSS: Contoso engineering blog', 'New issue opened in contoso/app',
  'Build succeeded: main #1042', 'New article: Quarterly results',
] as const;
