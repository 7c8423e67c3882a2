import { mount } from 'svelte';
import App from './views/App.svelte';
import { AppState, SAMPLES, type SampleName } from './state/app.svelte';
import { appContext } from './state/context';
import { BrowserDb } from './db/duckdb-browser';
import { offline } from './state/offline.svelte';

// DuckDB starts now, while the page renders: its start-up is the largest fixed cost.
const app = new AppState(() => BrowserDb.start());
mount(App, { target: document.getElementById('app')!, context: appContext(app) });

// The built app works offline after its first visit (the dev server has no service worker).
if (import.meta.env.PROD) offline.register();

const sample = new URLSearchParams(location.search).get('sample');
if (sample && sample in SAMPLES) void app.loadSample(sample as SampleName);

// Exposed for the end-to-end tests and benchmark (read-only use).
(window as unknown as { __customerLens: AppState }).__customerLens = app;
