export class Router {
  #routes = [];

  add(method, pattern, handler) {
    const keys = [];
    const regex = new RegExp('^' + pattern.replace(/:(\w+)/g, (_, key) => {
      keys.push(key);
      return '([^/]+)';
    }) + '$');
    this.#routes.push({ method, regex, keys, handler });
    return this;
  }

  match(method, path) {
    for (const route of this.#routes) {
      const found = route.method === method && route.regex.exec(path);
      if (found) {
        const params = Object.fromEntries(route.keys.map((key, i) => [key, found[i + 1]]);
        return { handler: route.handler, params };
      }
    }
    return null;
  }
}
