/**
 * Statements run on every new database, browser and Node alike. Extension auto-loading would make DuckDB fetch
 * code from the extension site (a request leaving the tab): it stays off. File access is then limited to the one
 * folder where the app registers users' files and writes exports, so no query can reach a URL or another path;
 * then the configuration is locked.
 */
export function startupSql(memoryLimit: string, fileDir: string, engineSettings: string[] = []): string {
  return [
    ...engineSettings,
    // A compressed in-memory database beside the default one: about 8× less memory, queries as fast, writing about
    // twice as slow. Big data sets live there (`USE lens`, see `COMPRESS_ABOVE_BYTES`); that is what lets 10M-row
    // files fit in a browser tab. Small ones stay in the default database, where loading and rebuilding are fast.
    `ATTACH ':memory:' AS lens (COMPRESS)`,
    // New tables go to the default database; tables in either are found by name (see `useSql`).
    `SET search_path = 'memory.main,lens.main'`,
    `SET autoinstall_known_extensions = false`,
    `SET autoload_known_extensions = false`,
    `SET memory_limit = '${memoryLimit.replace(/[^0-9A-Za-z.]/g, '')}'`,
    `SET preserve_insertion_order = true`,
    `SET allowed_directories = ['${fileDir.replaceAll("'", "''")}']`,
    `SET enable_external_access = false`,
    `SET lock_configuration = true`,
  ].join(';\n');
}

/**
 * Runs statements in order; when one fails after the list opened a transaction, rolls it back before the error
 * goes on, so no later statement runs inside a failed transaction.
 */
export async function runInOrder(statements: readonly string[], run: (sql: string) => Promise<unknown>): Promise<void> {
  let open = false;
  try {
    for (const sql of statements) {
      if (/^\s*BEGIN\b/i.test(sql)) open = true;
      await run(sql);
      if (/^\s*(COMMIT|ROLLBACK)\b/i.test(sql)) open = false;
    }
  } catch (e) {
    if (open) await run('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
