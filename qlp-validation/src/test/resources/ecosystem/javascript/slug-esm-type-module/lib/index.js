export { slugify } from './slugify.js';
export { uniqueSlug } from './unique.js';
