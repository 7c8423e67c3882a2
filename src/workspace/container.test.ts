import { describe, expect, it } from 'vitest';
import { decodeWorkspace, encodeWorkspace, isWorkspaceFile } from './container';
import { WORKSPACE_APP, WORKSPACE_FORMAT, WorkspaceError, type Manifest } from './manifest';

const manifest = (over: Partial<Manifest> = {}): Manifest => ({
  app: WORKSPACE_APP,
  format: WORKSPACE_FORMAT,
  saved: '2026-12-03T10:00:00.000Z',
  settings: { rfm: { bins: 5, scheme: 'cn8' } },
  place: { asOf: '2024-06-30', timeZone: 'browser', filters: { channel: ['web'] } as never, tab: 'rfm' },
  data: {
    snapshot: { tables: [{ catalog: 'memory', name: 'transactions', temporary: false, columns: [], file: 'a' }], views: [], sources: [{ name: '/lens/upload_0.csv', file: 'b' }], catalog: 'memory' },
    loaders: {} as never,
    derived: false,
  },
  ...over,
});

const code = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof WorkspaceError ? `${e.code}:${e.found}` : String(e);
  }
};

describe('workspace file', () => {
  it('round-trips the manifest and every file byte for byte', async () => {
    const files = new Map([
      ['a', new Blob([new Uint8Array([0, 1, 2, 255])])],
      ['b', new Blob(['customer_id,amount\n客户,1\n'])],
    ]);
    const blob = encodeWorkspace(manifest(), files);
    expect(await isWorkspaceFile(blob)).toBe(true);
    const back = await decodeWorkspace(blob);
    expect(back.manifest).toEqual(manifest());
    expect([...back.files.keys()]).toEqual(['a', 'b']);
    expect([...new Uint8Array(await back.files.get('a')!.arrayBuffer())]).toEqual([0, 1, 2, 255]);
    expect(await back.files.get('b')!.text()).toBe('customer_id,amount\n客户,1\n');
  });

  it('tells a CSV, another version, a truncated file and a file missing a part apart', async () => {
    expect(await isWorkspaceFile(new Blob(['customer_id,amount\n']))).toBe(false);
    expect(await code(decodeWorkspace(new Blob(['customer_id,amount\n'])))).toBe('not_workspace:');
    const files = new Map([['a', new Blob(['x'])], ['b', new Blob(['y'])]]);
    expect(await code(decodeWorkspace(encodeWorkspace(manifest({ format: 99 }), files)))).toBe('incompatible:99');
    const whole = encodeWorkspace(manifest(), files);
    expect(await code(decodeWorkspace(whole.slice(0, whole.size - 1)))).toBe('damaged:');
    expect(await code(decodeWorkspace(whole.slice(0, 40)))).toBe('damaged:');
    expect(await code(decodeWorkspace(encodeWorkspace(manifest(), new Map([['a', new Blob(['x'])]]))))).toBe('damaged:');
    expect(await code(decodeWorkspace(encodeWorkspace(manifest({ data: null }), new Map())))).toBe('ok');
  });
});
