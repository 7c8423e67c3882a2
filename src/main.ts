import { mount } from 'svelte';
import App from './views/App.svelte';
import { AppState, SAMPLES, type SampleName } from './state/app.svelte';
import { appContext } from './state/context';
import { BrowserDb } from './db/duckdb-browser';
import { offline } from './state/offline.svelte';
import { WorkspaceState } from './state/workspace.svelte';

// DuckDB starts now, while the page renders: its start-up is the largest fixed cost.
const app = new AppState(() => BrowserDb.start());
// Before the views mount: the saved settings and view apply from the first render.
const workspace = new WorkspaceState(app);
mount(App, { target: document.getElementById('app')!, context: appContext(app, workspace) });

// The built app works offline after its first visit (the dev server has no service worker).
if (import.meta.env.PROD) offline.register();

const sample = new URLSearchParams(location.search).get('sample');
if (sample && sample in SAMPLES) void app.loadSample(sample as SampleName);

// Exposed for the end-to-end tests and benchmark (read-only use).
Object.assign(window, { __customerLens: app, __customerLensWorkspace: workspace });
