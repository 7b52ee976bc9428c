import { fillPlaceholders, readPackageSettings } from '../../src/package/fill';
import { VALID_ENV } from './support';

const errorsFor = (env: Record<string, string | undefined>, version = '1.2.3'): readonly string[] => {
  const result = readPackageSettings(env, version);
  return result.kind === 'invalid' ? result.errors : [];
};

describe('readPackageSettings', () => {
  it('accepts GUIDs and a host name, trimming and lower-casing the domain', () => {
    const result = readPackageSettings({ ...VALID_ENV, BOT_DOMAIN: ' SendAs.Contoso.com ' }, '0.1.0');
    expect(result).toEqual({
      kind: 'valid',
      settings: { ...VALID_ENV, BOT_DOMAIN: 'sendas.contoso.com', APP_VERSION: '0.1.0' },
    });
  });

  it('names every missing variable in one message', () => {
    expect(errorsFor({})).toEqual([
      'Missing environment variables TEAMS_APP_ID, BOT_ID, BOT_DOMAIN (see README, "Deploying to Teams").',
    ]);
    expect(errorsFor({ ...VALID_ENV, BOT_ID: '  ' })).toEqual([
      'Missing environment variable BOT_ID (see README, "Deploying to Teams").',
    ]);
  });

  it('reports every bad value at once', () => {
    const errors = errorsFor({ TEAMS_APP_ID: 'sendas-watch', BOT_ID: '{0b9c8d7e-6f5a-4b3c-8d2e-1f0a9b8c7d6e}', BOT_DOMAIN: 'sendas.contoso.com' }, '1.0');
    expect(errors).toEqual([
      'TEAMS_APP_ID must be a GUID like 00000000-0000-0000-0000-000000000000; got "sendas-watch".',
      'BOT_ID must be a GUID like 00000000-0000-0000-0000-000000000000; got "{0b9c8d7e-6f5a-4b3c-8d2e-1f0a9b8c7d6e}".',
      'package.json version must be MAJOR.MINOR.PATCH for Teams; got "1.0".',
    ]);
  });

  it.each([
    ['https://sendas.contoso.com/api/messages', 'must be a host name without scheme or path; got "https://sendas.contoso.com/api/messages": use "sendas.contoso.com".'],
    ['sendas.contoso.com/api/messages', 'must be a host name without scheme or path; got "sendas.contoso.com/api/messages": use "sendas.contoso.com".'],
    ['sendas.contoso.com:8443', 'must not include a port; got "sendas.contoso.com:8443": Teams reaches the bot on https port 443.'],
    ['localhost', 'must be a public host name such as sendas.contoso.com; got "localhost".'],
    ['send_as.contoso.com', 'must be a public host name such as sendas.contoso.com; got "send_as.contoso.com".'],
    ['-sendas.contoso.com', 'must be a public host name such as sendas.contoso.com; got "-sendas.contoso.com".'],
    ['203.0.113.7', 'must be a host name with a certificate, not an IP address; got "203.0.113.7".'],
  ])('refuses BOT_DOMAIN %s', (domain, message) => {
    expect(errorsFor({ ...VALID_ENV, BOT_DOMAIN: domain })).toEqual([`BOT_DOMAIN ${message}`]);
  });

  it('accepts tunnel host names with hyphens and digits', () => {
    expect(errorsFor({ ...VALID_ENV, BOT_DOMAIN: 'x1y2-3978.euw.devtunnels.ms' })).toEqual([]);
  });
});

describe('fillPlaceholders', () => {
  const settings = { ...VALID_ENV, APP_VERSION: '0.1.0' };

  it('fills placeholders inside string values, however nested, and leaves keys and other values alone', () => {
    const template = {
      id: '${{TEAMS_APP_ID}}',
      '${{BOT_ID}}': 1,
      urls: ['https://${{ BOT_DOMAIN }}/privacy', 'https://${{BOT_DOMAIN}}/${{BOT_DOMAIN}}'],
      nested: { version: '${{APP_VERSION}}', flag: true, nothing: null },
    };
    expect(fillPlaceholders(template, settings)).toEqual({
      value: {
        id: VALID_ENV.TEAMS_APP_ID,
        '${{BOT_ID}}': 1,
        urls: ['https://sendas.contoso.com/privacy', 'https://sendas.contoso.com/sendas.contoso.com'],
        nested: { version: '0.1.0', flag: true, nothing: null },
      },
      unknown: [],
    });
  });

  it('lists placeholders it has no value for, once each, and leaves them in place', () => {
    const filled = fillPlaceholders({ a: '${{APP_NAME_SUFFIX}}', b: ['${{BOT_PASSWORD}}', '${{APP_NAME_SUFFIX}}'] }, settings);
    expect(filled.unknown).toEqual(['APP_NAME_SUFFIX', 'BOT_PASSWORD']);
    expect(filled.value).toEqual({ a: '${{APP_NAME_SUFFIX}}', b: ['${{BOT_PASSWORD}}', '${{APP_NAME_SUFFIX}}'] });
  });
});
