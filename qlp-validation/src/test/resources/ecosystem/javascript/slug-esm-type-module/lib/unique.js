import { slugify } from './slugify.js';

export async function uniqueSlug(title, exists) {
  const base = slugify(title);
  let candidate = base;
  for (let n = 2; await exists(candidate); n++) {
    candidate = `${base}-${n}`;
  }
  return candidate;
}
