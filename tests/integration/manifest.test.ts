import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import JSZip from 'jszip';
import { commandNamed, commands } from '../../bot/commands';
import { decodePng } from '../support/png';

const root = join(__dirname, '..', '..');
const appPackage = join(root, 'appPackage');
const manifestText = readFileSync(join(appPackage, 'manifest.json'), 'utf8');

// What teamsapp.yml (or scripts/package-app.mjs) puts in place of each ${{NAME}}.
const values: Record<string, string> = {
  TEAMS_APP_ID: '3f2b8a4e-6c1d-4e8f-9a7b-2c5d8e1f0a3b',
  BOT_ID: '9d4c1e7a-2b3f-4a5c-8d6e-7f8a9b0c1d2e',
  BOT_DOMAIN: 'func-goldenthread-dev.azurewebsites.net',
  DEVELOPER_NAME: 'Demo Borough Council',
  DEVELOPER_WEBSITE_URL: 'https://www.example.gov.uk',
  PRIVACY_URL: 'https://www.example.gov.uk/privacy',
  TERMS_OF_USE_URL: 'https://www.example.gov.uk/terms',
  APP_NAME_SUFFIX: ' (dev)',
};
const fill = (text: string): string => text.replace(/\$\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => values[name] ?? `<<${name}>>`);

interface CommandList {
  scopes: string[];
  commands: { title: string; description: string }[];
}
interface Manifest {
  manifestVersion: string;
  icons: { color: string; outline: string };
  bots: { botId: string; scopes: string[]; commandLists: CommandList[] }[];
  composeExtensions: { commands: { id: string; type: string; title: string; context: string[] }[] }[];
  webApplicationInfo: { id: string };
}

function validatorFor(version: string) {
  // The schema ships offline inside @microsoft/app-manifest; the manifest's own version picks the file.
  const schemaPath = require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`);
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
}

describe('Teams app package', () => {
  const manifest = JSON.parse(fill(manifestText)) as Manifest;

  it('is a manifest Teams accepts: valid against the offline Teams schema once the Toolkit fills its placeholders', () => {
    const validate = validatorFor(manifest.manifestVersion);
    expect(manifestText).not.toMatch(/<<\w+>>/);
    expect(fill(manifestText)).not.toMatch(/<<\w+>>/);
    expect(validate(manifest) ? [] : validate.errors).toEqual([]);
  });

  it('offers the bot in 1:1 chats, teams and group chats, and names the bot as its Entra app, so Graph lets it install itself', () => {
    expect([...manifest.bots[0]!.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    const listed = manifest.bots[0]!.commandLists.flatMap((l) => l.scopes);
    expect(listed).toEqual(expect.arrayContaining(['personal', 'team']));
    expect(manifest.webApplicationInfo.id).toBe(values.BOT_ID);
  });

  it('says its strings are British English (en-GB), as a council in England writes them', () => {
    expect((manifest as unknown as { localizationInfo: { defaultLanguageTag: string } }).localizationInfo.defaultLanguageTag.toLowerCase()).toBe('en-gb');
  });

  it('lets a worker share any Teams message as a participation example', () => {
    const share = manifest.composeExtensions.flatMap((c) => c.commands).find((c) => c.title === 'Share as a participation example');
    expect(share).toMatchObject({ type: 'action', context: ['message'] });
  });

  it('has a 192x192 colour icon and a 32x32 outline icon drawn in white on transparent', () => {
    const color = decodePng(readFileSync(join(appPackage, manifest.icons.color)));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = decodePng(readFileSync(join(appPackage, manifest.icons.outline)));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    const pixels = Array.from({ length: 32 * 32 }, (_, p) => [...outline.rgba.subarray(p * 4, p * 4 + 4)]);
    expect(pixels.filter(([r, g, b, a]) => a! > 0 && (r !== 255 || g !== 255 || b !== 255))).toEqual([]);
    expect(pixels.filter(([, , , a]) => a === 0).length).toBeGreaterThan(32 * 32 * 0.5); // mostly transparent
    expect(pixels.some(([, , , a]) => a === 255)).toBe(true); // and something drawn
  });

  // The bot's own list (bot/commands.ts) is what Teams must suggest, worded the same way.
  it('suggests in a 1:1 chat exactly the commands the bot answers, described as the bot describes them', () => {
    const lists = manifest.bots[0]!.commandLists;
    const personal = lists.find((l) => l.scopes.includes('personal'))!.commands;
    expect(personal.map((c) => c.title)).toEqual(commands.map((c) => c.name));
    for (const listed of lists.flatMap((l) => l.commands)) {
      expect({ [listed.title]: listed.description }).toEqual({ [listed.title]: commandNamed(listed.title).description });
    }
  });

  it('zips into appPackage/build with every placeholder filled from the environment', async () => {
    const env = { ...process.env, ...values };
    await promisify(execFile)(process.execPath, [join(root, 'scripts', 'package-app.mjs'), 'manifesttest'], { env });
    const zip = await JSZip.loadAsync(readFileSync(join(appPackage, 'build', 'appPackage.manifesttest.zip')));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const packed = JSON.parse(await zip.file('manifest.json')!.async('string')) as Manifest;
    expect(packed).toEqual(manifest);
    expect(await zip.file('color.png')!.async('nodebuffer')).toEqual(readFileSync(join(appPackage, 'color.png')));
  });

  it('refuses to zip a package before provisioning has filled in the bot id, naming it', async () => {
    const env = { ...process.env, ...values, BOT_ID: '' };
    const run = promisify(execFile)(process.execPath, [join(root, 'scripts', 'package-app.mjs'), 'manifesttest-missing'], { env });
    await expect(run).rejects.toMatchObject({ stderr: expect.stringContaining('BOT_ID') });
  });
});
