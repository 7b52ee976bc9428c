import type { ClientFamily } from '../../classify/clients';
import type { Language } from './index';

/** The short name an admin recognises for each client family, per language. */
export const CLIENT_FAMILY_LABELS: Readonly<Record<Language, Readonly<Record<ClientFamily, string>>>> = {
  en: {
    connector: 'Office 365 connector',
    'new-outlook': 'new Outlook',
    'outlook-mobile': 'Outlook Mobile',
    owa: 'Outlook on the web',
    'outlook-desktop': 'Outlook desktop',
    'rest-system': 'Microsoft background process',
    rest: 'REST / Graph',
    ews: 'Exchange Web Services',
    activesync: 'ActiveSync',
    'pop-imap': 'POP / IMAP',
    powershell: 'Exchange PowerShell',
    other: 'other client',
    none: 'no client recorded',
  },
  ja: {
    connector: 'Office 365 コネクタ',
    'new-outlook': '新しい Outlook',
    'outlook-mobile': 'Outlook Mobile',
    owa: 'Outlook on the web',
    'outlook-desktop': 'Outlook デスクトップ',
    'rest-system': 'Microsoft のバックグラウンド処理',
    rest: 'REST / Graph',
    ews: 'Exchange Web Services',
    activesync: 'ActiveSync',
    'pop-imap': 'POP / IMAP',
    powershell: 'Exchange PowerShell',
    other: 'その他のクライアント',
    none: 'クライアントの記録なし',
  },
};

export function clientFamilyLabel(family: ClientFamily, language: Language): string {
  return CLIENT_FAMILY_LABELS[language][family];
}
