import { AppManifestUtils } from '@microsoft/app-manifest';
import { PNG } from 'pngjs';
import { planPackage } from '../../src/package/plan';
import type { PackagePlan } from '../../src/package/plan';
import {
  LOCALIZATION_SCHEMA_URL,
  MANIFEST_SCHEMA_URL,
  localizationSchemaErrors,
  manifestSchemaErrors,
  repairPatternKeys,
} from '../../src/package/schema';
import { VALID_ENV, committedSources, withJapanese, withManifest } from './support';

const sources = committedSources();
const plan = (files: Map<string, Buffer> = sources, env: Record<string, string> = VALID_ENV): Promise<PackagePlan> =>
  planPackage({ sources: files, env, appVersion: '0.1.0' });

async function errorsOf(files: Map<string, Buffer>): Promise<readonly string[]> {
  const result = await plan(files);
  if (result.kind !== 'invalid') throw new Error('expected the package to be refused');
  return result.errors;
}

async function readyPlan(): Promise<Extract<PackagePlan, { kind: 'ready' }>> {
  const result = await plan();
  if (result.kind !== 'ready') throw new Error(`expected a package, got: ${result.errors.join('\n')}`);
  return result;
}

const jaJson = (): Record<string, string> => JSON.parse(sources.get('ja.json')!.toString('utf8'));

describe('the generated manifest', () => {
  it('is filled from the settings and validates against the bundled v1.30 schema with no errors', async () => {
    const { manifest, files } = await readyPlan();
    expect(manifest.$schema).toBe(MANIFEST_SCHEMA_URL);
    expect(await manifestSchemaErrors(manifest)).toEqual([]);
    expect(manifest).toMatchObject({
      manifestVersion: '1.30',
      version: '0.1.0',
      id: VALID_ENV.TEAMS_APP_ID,
      bots: [{ botId: VALID_ENV.BOT_ID }],
      validDomains: ['sendas.contoso.com'],
      developer: {
        websiteUrl: 'https://sendas.contoso.com/',
        privacyUrl: 'https://sendas.contoso.com/privacy',
        termsOfUseUrl: 'https://sendas.contoso.com/terms',
      },
    });
    const written = files.find(({ name }) => name === 'manifest.json')!.data.toString('utf8');
    expect(written).not.toContain('${{');
    expect(JSON.parse(written)).toEqual(manifest);
  });

  it('has a conversational bot in personal, team and group chat, with the same commands in each scope', async () => {
    const { manifest } = await readyPlan();
    const [bot] = manifest.bots!;
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(bot.isNotificationOnly).toBe(false);
    expect(bot.supportsFiles).toBe(true);
    expect(bot.commandLists!.map(({ scopes }) => scopes)).toEqual([['personal'], ['team'], ['groupChat']]);
    const titles = bot.commandLists!.map(({ commands }) => commands.map(({ title }) => title));
    const expected = ['who sent as', 'who sent on behalf of', 'what did … send as', 'anomalies', 'audit health', 'subscribe', 'unsubscribe', 'access review', 'dormant rights', 'help'];
    expect(titles).toEqual([expected, expected, expected]);
  });

  it('has a Japanese localization that validates and translates every name, description and command', async () => {
    const { manifest } = await readyPlan();
    const ja = jaJson();
    expect(manifest.localizationInfo).toEqual({ defaultLanguageTag: 'en', additionalLanguages: [{ languageTag: 'ja', file: 'ja.json' }] });
    expect(await localizationSchemaErrors('ja.json', ja)).toEqual([]);
    const commandKeys = manifest.bots![0].commandLists!.flatMap(({ commands }, list) =>
      commands.flatMap((_command, index) => ['title', 'description'].map((field) => `bots[0].commandLists[${list}].commands[${index}].${field}`)),
    );
    expect(Object.keys(ja).sort()).toEqual(['$schema', 'name.short', 'name.full', 'description.short', 'description.full', ...commandKeys].sort());
    for (const [key, text] of Object.entries(ja)) if (key !== '$schema' && key !== 'name.short') expect(text).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/u);
  });

  it('uses the colour icon background as its accent colour', async () => {
    const { manifest } = await readyPlan();
    const [r, g, b] = PNG.sync.read(sources.get('color.png')!).data;
    expect(manifest.accentColor.toLowerCase()).toBe(`#${[r, g, b].map((channel) => channel.toString(16).padStart(2, '0')).join('')}`);
  });
});

describe('a broken manifest is refused', () => {
  it('with the schema message for a short name of 31 characters', async () => {
    const broken = withManifest(sources, (manifest) => {
      manifest.name.short = 'SendAs Watch for Contoso Admins';
    });
    expect(await errorsOf(broken)).toEqual(['manifest.json /name/short must NOT have more than 30 characters. Details: {"limit":30}']);
  });

  it('with the schema message for an app id that is not a GUID', async () => {
    const broken = withManifest(sources, (manifest) => {
      manifest.id = 'sendas-watch';
    });
    expect(await errorsOf(broken)).toEqual([
      'manifest.json /id must match pattern "^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$". Details: {"pattern":"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$"}',
    ]);
  });

  it('with the schema message for a bot without a bot id, and with ours when there is no bot at all', async () => {
    const noBotId = withManifest(sources, (manifest) => {
      Reflect.deleteProperty(manifest.bots![0], 'botId');
    });
    expect(await errorsOf(noBotId)).toEqual(["manifest.json /bots/0 must have required property 'botId'. Details: {\"missingProperty\":\"botId\"}"]);
    const noBot = withManifest(sources, (manifest) => {
      delete manifest.bots;
    });
    expect(await errorsOf(noBot)).toEqual([
      'manifest.json must declare exactly one bot: SendAs Watch is a conversational bot.',
      'ja.json translates 60 command text(s) the manifest does not have: "bots[0].commandLists[0].commands[0].title", "bots[0].commandLists[0].commands[0].description", "bots[0].commandLists[0].commands[1].title", ….',
    ]);
  });

  it('with every schema error at once', async () => {
    const broken = withManifest(sources, (manifest) => {
      manifest.accentColor = 'white';
      manifest.description.short = 'x'.repeat(81);
      Reflect.deleteProperty(manifest, 'developer');
    });
    expect(await errorsOf(broken)).toEqual([
      "manifest.json must have required property 'developer'. Details: {\"missingProperty\":\"developer\"}",
      'manifest.json /description/short must NOT have more than 80 characters. Details: {"limit":80}',
      'manifest.json /accentColor must match pattern "^#[0-9a-fA-F]{6}$". Details: {"pattern":"^#[0-9a-fA-F]{6}$"}',
    ]);
  });

  it('when it names a schema that is not bundled, without going to the network', async () => {
    const broken = withManifest(sources, (manifest) => {
      manifest.$schema = 'https://developer.microsoft.com/json-schemas/teams/v1.31/MicrosoftTeams.schema.json';
    });
    expect(await errorsOf(broken)).toEqual([
      `manifest.json $schema must be ${MANIFEST_SCHEMA_URL} (the schema validated offline); got "https://developer.microsoft.com/json-schemas/teams/v1.31/MicrosoftTeams.schema.json".`,
    ]);
  });

  it('when it is not JSON, or uses a placeholder the packager does not fill', async () => {
    const notJson = new Map(sources).set('manifest.json', Buffer.from('{ "id": '));
    expect((await errorsOf(notJson))[0]).toMatch(/^manifest\.json is not valid JSON: /);
    const unknownPlaceholder = withManifest(sources, (manifest) => {
      manifest.name.full = 'SendAs Watch${{APP_NAME_SUFFIX}}';
    });
    expect(await errorsOf(unknownPlaceholder)).toEqual([
      'manifest.json uses ${{APP_NAME_SUFFIX}}, which the packager does not fill (it fills TEAMS_APP_ID, BOT_ID, BOT_DOMAIN, APP_VERSION).',
    ]);
  });

  it('for what Teams checks beyond the schema, all reported together', async () => {
    const broken = withManifest(sources, (manifest) => {
      manifest.version = '${{APP_VERSION}}-beta';
      manifest.developer.privacyUrl = 'http://sendas.contoso.com/privacy';
      manifest.validDomains = ['https://sendas.contoso.com'];
      manifest.bots![0].commandLists![0].commands[0].title = 'who sent as a shared mailbox in Contoso';
      const team = manifest.bots![0].commandLists![1];
      team.commands.push(team.commands[0]);
      manifest.bots![0].commandLists![2].scopes = ['personal'];
    });
    expect(await errorsOf(broken)).toEqual([
      'manifest.json version must be MAJOR.MINOR.PATCH; got "0.1.0-beta".',
      'manifest.json developer.privacyUrl must use https; got "http://sendas.contoso.com/privacy".',
      'manifest.json validDomains entry "https://sendas.contoso.com" must be a host name (optionally *.host), without scheme, port or path.',
      'manifest.json bots[0].commandLists[0].commands[0].title is longer than 32 characters: "who sent as a shared mailbox in Contoso".',
      'manifest.json bots[0].commandLists[1] has 11 commands; Teams shows at most 10.',
      'manifest.json bots[0].commandLists[2] repeats scope "personal": Teams wants one command list per scope.',
    ]);
  });

  it('when an icon or the localization file is missing, or not at the root', async () => {
    const missing = new Map(sources);
    missing.delete('outline.png');
    missing.delete('ja.json');
    expect(await errorsOf(missing)).toEqual([
      'appPackage/outline.png (icons.outline) does not exist.',
      'appPackage/ja.json (localizationInfo) does not exist.',
    ]);
    const nested = withManifest(sources, (manifest) => {
      manifest.icons.color = 'icons/color.png';
    });
    expect(await errorsOf(nested)).toEqual([
      'icons.color names "icons/color.png": Teams wants every file at the root of the package, next to manifest.json.',
    ]);
  });

  it('checks and packs a default language file too, when the manifest names one', async () => {
    const withDefault = withManifest(sources, (manifest) => {
      manifest.localizationInfo!.defaultLanguageFile = 'en.json';
    });
    expect(await errorsOf(withDefault)).toEqual(['appPackage/en.json (localizationInfo) does not exist.']);
    const en = { $schema: LOCALIZATION_SCHEMA_URL, 'name.short': 'SendAs Watch', 'description.short': 'Who sent as.', 'description.full': 'Who sent as, and why.' };
    const result = await plan(new Map(withDefault).set('en.json', Buffer.from(JSON.stringify(en))));
    expect(result.kind === 'ready' && result.files.map(({ name }) => name)).toEqual(['manifest.json', 'color.png', 'outline.png', 'en.json', 'ja.json']);
  });

  it('when an icon breaks Teams rules', async () => {
    const swapped = new Map(sources).set('color.png', sources.get('outline.png')!);
    expect(await errorsOf(swapped)).toEqual(['color.png is 32×32; Teams needs the color icon to be 192×192.']);
  });
});

describe('a broken localization file is refused', () => {
  const brokenJa = (edit: (ja: Record<string, string>) => void): Map<string, Buffer> => withJapanese(sources, edit);

  it('with the schema message for a name that is too long', async () => {
    const broken = brokenJa((ja) => {
      ja['name.short'] = 'センド アズ ウォッチ: 送信者として送信したのは誰かを答えるボット';
    });
    expect(await errorsOf(broken)).toEqual(['ja.json /name.short must NOT have more than 30 characters. Details: {"limit":30}']);
  });

  it('when it names another manifest version, a command that does not exist, or a title Teams would cut', async () => {
    expect(
      await errorsOf(
        brokenJa((ja) => {
          ja.$schema = 'https://developer.microsoft.com/json-schemas/teams/v1.29/MicrosoftTeams.Localization.schema.json';
        }),
      ),
    ).toEqual([
      `ja.json $schema must be ${LOCALIZATION_SCHEMA_URL}, the manifest's version; got "https://developer.microsoft.com/json-schemas/teams/v1.29/MicrosoftTeams.Localization.schema.json".`,
    ]);
    expect(
      await errorsOf(
        brokenJa((ja) => {
          ja['bots[0].commandLists[0].commands[10].title'] = '監査';
          ja['bots[0].commandLists[1].commands[0].title'] = '誰が共有メールボックスとして送信したかを今週について教えてください';
        }),
      ),
    ).toEqual([
      'ja.json translates 1 command text(s) the manifest does not have: "bots[0].commandLists[0].commands[10].title".',
      'ja.json "bots[0].commandLists[1].commands[0].title" is longer than 32 characters: "誰が共有メールボックスとして送信したかを今週について教えてください".',
    ]);
  });
});

describe('repairPatternKeys', () => {
  it('makes the published localization schema compile without changing what its keys match', async () => {
    const schema = await AppManifestUtils.fetchSchema(LOCALIZATION_SCHEMA_URL);
    const original = Object.keys((schema as { patternProperties: object }).patternProperties);
    const repaired = Object.keys((repairPatternKeys(schema) as { patternProperties: object }).patternProperties);
    const compiles = (pattern: string): boolean => {
      try {
        return new RegExp(pattern, 'u') instanceof RegExp;
      } catch {
        return false;
      }
    };
    expect(original.filter((pattern) => !compiles(pattern))).toHaveLength(2);
    expect(repaired.filter((pattern) => !compiles(pattern))).toEqual([]);
    expect(repaired).toHaveLength(original.length);
    const matching = (key: string): string[] => repaired.filter((pattern) => new RegExp(pattern, 'u').test(key));
    expect(matching('activities.activityTypes[12].description')).toHaveLength(1);
    original.forEach((pattern, index) => {
      for (const key of ['activities.activityTypes[12].description', 'activities.activityTypes[127].templateText', 'bots[0].commandLists[2].commands[11].title']) {
        // Without the u flag the broken patterns compile, and read `]` as a literal: the repair must agree.
        expect(new RegExp(repaired[index], 'u').test(key)).toBe(new RegExp(pattern).test(key));
      }
    });
  });
});
