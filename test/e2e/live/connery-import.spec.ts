/**
 * Live execution in the real app: import Connery actions from a loopback fake runner (that
 * speaks the Connery guide's wire) into an assistant through the Import tools dialog, run,
 * and see the live call — its request and the runner's response — on the timeline.
 */
import { test, expect } from '../fixtures';
import { Playground } from '../playground/playground-page';
import { fileURLToPath } from 'node:url';
import { SEND_EMAIL_ID, startConneryRunner, type FakeRunner } from '../../live/fixtures/connery-runner';

const MCP_SERVER = fileURLToPath(new URL('../../live/fixtures/mcp-server.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

let runner: FakeRunner;
test.beforeAll(async () => {
  runner = await startConneryRunner({ apiKey: 'e2e-runner-key' });
});
test.afterAll(async () => {
  await runner?.close();
});

test('import Connery actions, run one live, and inspect the call on the timeline', async ({ page }, testInfo) => {
  const app = new Playground(page);
  await test.step('create an assistant', async () => {
    await app.createAssistant('Mailer');
  });
  await test.step('the dialog lists the actions with their descriptions before anything is added', async () => {
    await page.getByRole('button', { name: 'Import tools…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import tools' });
    await dialog.getByLabel('Runner URL').fill(runner.url);
    await dialog.getByLabel('Runner API key').fill('e2e-runner-key');
    await dialog.getByRole('button', { name: 'List actions' }).click();
    const list = dialog.getByRole('list', { name: 'Importable tools' });
    await expect(list.getByRole('listitem')).toHaveCount(2);
    await expect(list.locator(`[data-tool="${SEND_EMAIL_ID}"]`)).toContainText('Send email: Send an email to the recipient');
    await expect(list.locator(`[data-tool="${SEND_EMAIL_ID}"]`)).toContainText('new');
    await app.shot(testInfo, 'import-dialog');
    await dialog.getByLabel(/^Import B0B0/).uncheck();
    await dialog.getByRole('button', { name: 'Import 1 action' }).click();
    await expect(dialog.getByRole('status')).toContainText('Added 1, updated 0, unchanged 0.');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByLabel(`Handler of ${SEND_EMAIL_ID}`)).toHaveValue('live-connery');
  });
  await test.step('a run calls the action live and completes with its output', async () => {
    const before = runner.log.length;
    await app.newThread();
    await app.send(`${SEND_EMAIL_ID} recipient=ada@example.com subject=Hello body="See you"`);
    await app.expectLastRunStatus('completed');
    await expect(app.lastRun()).toContainText('"sentTo":"ada@example.com"');
    const runs = runner.log.slice(before).filter((r) => r.path.endsWith('/run'));
    expect(runs).toHaveLength(1);
    expect(runs[0].body).toEqual({ recipient: 'ada@example.com', subject: 'Hello', body: 'See you' });
    expect(runs[0].headers['x-api-key']).toBe('e2e-runner-key');
  });
  await test.step('the timeline shows the live execution with its request and response', async () => {
    await page.getByRole('tab', { name: 'Timeline' }).click();
    const tl = page.getByTestId('run-timeline').first();
    await expect(tl.getByTestId('timeline-canvas')).toHaveAttribute('data-painted', 'true');
    await tl.getByTestId('timeline-step').first().click();
    const call = tl.getByTestId('inspector-call').first();
    await expect(call.getByTestId('inspector-exec')).toContainText('live');
    await expect(call.getByTestId('inspector-exec')).toContainText('(connery)');
    await expect(call.getByTestId('inspector-exec-response')).toContainText('"status": 200');
    await expect(call.getByTestId('inspector-exec-response')).toContainText('ada@example.com');
    await expect(call.getByTestId('inspector-exec-request')).not.toContainText('e2e-runner-key');
    await app.shot(testInfo, 'timeline-live-call');
  });
});

test('the workspace config dialog refuses a bad file by JSON path and applies a good one', async ({ page }, testInfo) => {
  await page.keyboard.press('Control+K');
  await page.getByRole('dialog').getByRole('textbox').fill('workspace config');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Workspace config' });
  const box = dialog.getByLabel('Workspace config JSON');
  await box.fill('{"tools": {"get_weather": {"handler": "webhook", "url": "not a url"}}}');
  await dialog.getByRole('button', { name: 'Import and apply' }).click();
  await expect(dialog.getByRole('alert')).toContainText('$.tools.get_weather.url: is not a valid URL');
  await box.fill(`{"tools": {"get_weather": {"handler": "webhook", "url": "${runner.url}/weather", "approval": "ask"}}}`);
  await dialog.getByRole('button', { name: 'Import and apply' }).click();
  await expect(dialog.getByRole('status')).toContainText('Imported and applied.');
  await expect(dialog).toContainText('imported in the app');
  await page.screenshot({ path: testInfo.outputPath('workspace-config.png') });
});

test('an "import": "mcp" entry in the config dialog puts the server\'s tools on the named assistant at once, and they run live', async ({ page }, testInfo) => {
  const app = new Playground(page);
  await app.createAssistant('Helper');
  await page.keyboard.press('Control+K');
  await page.getByRole('dialog').getByRole('textbox').fill('workspace config');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Workspace config' });
  const box = dialog.getByLabel('Workspace config JSON');
  const config = {
    mcp_servers: { local: { command: [process.execPath, '--import', 'tsx', MCP_SERVER, '--stdio'], cwd: ROOT } },
    tools: { local_tools: { import: 'mcp', server: 'local', tools: ['echo', 'add', 'nope'], assistants: ['Helper'] } },
  };
  await box.fill(JSON.stringify({ ...config, tools: { t: { import: 'mcp', server: 'elsewhere' } } }));
  await dialog.getByRole('button', { name: 'Import and apply' }).click();
  await expect(dialog.getByRole('alert')).toContainText('$.tools.t.server: names no server in $.mcp_servers (declared: local)');
  await box.fill(JSON.stringify(config, null, 2));
  await dialog.getByRole('button', { name: 'Import and apply' }).click();
  await expect(dialog.getByRole('status')).toContainText('Imported and applied; one part could not be applied (listed above).');
  await expect(dialog.getByLabel('Config problems').getByRole('listitem')).toHaveText(["$.tools.local_tools.tools[2]: the MCP server 'local' has no tool 'nope'"]);
  await app.shot(testInfo, 'mcp-import-config');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  // Without a restart: the editor shows the two tools, answered by the workspace's handler.
  await expect(page.getByLabel('Handler of echo')).toBeVisible();
  await expect(page.getByLabel('Handler of add')).toBeVisible();
  await expect(page.getByText('from the workspace config (mcp)').first()).toBeVisible();
  await app.shot(testInfo, 'mcp-import-assistant');
  await app.newThread();
  await app.send('add a=2 b=40');
  await app.expectLastRunStatus('completed');
  await expect(app.lastRun()).toContainText('add: {"sum":42}');
});
