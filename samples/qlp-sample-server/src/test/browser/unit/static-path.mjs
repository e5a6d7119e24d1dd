// Where the page's modules live, for the unit tests.
import { fileURLToPath } from 'node:url';

export const STATIC = new URL('../../../main/resources/static/', import.meta.url);

/** Imports one of the page's modules, such as 'app/sse.js'. */
export const pageModule = (path) => import(new URL(path, STATIC).href);

export const staticPath = (path) => fileURLToPath(new URL(path, STATIC));
