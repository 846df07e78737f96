/** Entry point: mounts the dashboard into #app. */
import { mount } from 'svelte';
import App from './app/App.svelte';
import { configureMapLibre } from './app/map/maplibre-setup';
import './app/app.css';

configureMapLibre();

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
export default mount(App, { target });
