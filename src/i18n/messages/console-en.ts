/** The SQL console. */
export const consoleEn = {
  'sql.openConsole': 'Open in SQL console',
  'sql.openConsoleOf': 'Open “{title}” in the SQL console',
  'console.title': 'SQL console',
  'console.intro':
    'Query the model’s tables with DuckDB SQL, right here in the tab. Read-only: one SELECT at a time over the tables listed on the left; statements that change tables, attach, install or load anything, or read files are refused. Results are paged and sorted in SQL; Download CSV saves every row of the result.',
  'console.schema': 'Tables',
  'console.queryTable': 'Query {table}',
  'console.query': 'SQL query',
  'console.run': 'Run query',
  'console.runHint': 'Ctrl + Enter runs it too.',
  'console.result': 'Result',
  'console.history': 'Statements run in this session',
  'console.failed': 'The query failed: {reason}',
  'console.refused.empty': 'Type a SELECT statement first.',
  'console.refused.keyword': 'Refused: {name} changes or leaves the model; the console is read-only.',
  'console.refused.not_select': 'Refused: the console is read-only and runs SELECT statements only (no INSERT, UPDATE, DELETE, CREATE, DROP, ATTACH, INSTALL, LOAD, COPY, SET or PRAGMA).',
  'console.refused.several': 'Refused: run one statement at a time.',
  'console.refused.table': 'Refused: “{name}” is not one of the model’s tables (files cannot be read from the console). Pick a table from the list.',
  'console.refused.function': 'Refused: the table function {name}() may read files or run other statements; the console allows only range(), generate_series(), unnest() and DuckDB’s catalog functions.',
};
