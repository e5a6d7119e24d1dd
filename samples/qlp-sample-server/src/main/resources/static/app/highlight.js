// A small syntax highlighter for Java, Python and JavaScript/TypeScript. It only splits text into typed tokens; the
// page renders them with textContent, so source code can never become markup.

const JAVA_KEYWORDS = `abstract assert boolean break byte case catch char class const continue default do double else enum
extends final finally float for goto if implements import instanceof int interface long native new package private
protected public record return sealed permits short static strictfp super switch synchronized this throw throws
transient try var void volatile while yield true false null`;

const PYTHON_KEYWORDS = `False None True and as assert async await break class continue def del elif else except
finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case self`;

const JS_KEYWORDS = `async await break case catch class const continue debugger default delete do else export extends
false finally for from function if import in instanceof let new null of return static super switch this throw true try
typeof undefined var void while with yield interface type enum implements private protected public readonly as`;

const words = (text) => new Set(text.split(/\s+/).filter(Boolean));

/** Per language: keywords, comment and string syntax. */
export const LANGUAGES = {
  java: {
    keywords: words(JAVA_KEYWORDS), line: '//', block: ['/*', '*/'], quotes: ['"', "'"], triple: ['"""'],
    annotation: '@', types: true,
  },
  python: {
    keywords: words(PYTHON_KEYWORDS), line: '#', block: null, quotes: ['"', "'"], triple: ['"""', "'''"],
    annotation: '@', types: false, prefixes: /^[rRbBuUfF]{1,2}$/,
  },
  javascript: {
    keywords: words(JS_KEYWORDS), line: '//', block: ['/*', '*/'], quotes: ['"', "'", '`'], triple: [],
    annotation: null, types: false,
  },
};

const EXTENSIONS = {
  java: 'java', py: 'python', pyi: 'python', js: 'javascript', mjs: 'javascript', cjs: 'javascript',
  jsx: 'javascript', ts: 'javascript', tsx: 'javascript',
};

/** The highlighting language of a file path, or null for plain text. */
export function languageOf(path) {
  const match = /\.([A-Za-z0-9]+)$/.exec(path ?? '');
  return match ? EXTENSIONS[match[1].toLowerCase()] ?? null : null;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*/;
const NUMBER = /^(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?)[lLfFdDjJnN]?/;

function stringEnd(text, from, quote) {
  for (let i = from; i < text.length; i += 1) {
    const c = text[i];
    if (c === '\\') {
      i += 1;
    } else if (text.startsWith(quote, i)) {
      return i + quote.length;
    } else if (c === '\n' && quote.length === 1 && quote !== '`') {
      return i; // unterminated: the string stops at the line end
    }
  }
  return text.length;
}

/**
 * Splits `source` into tokens {type, text}; type is one of keyword, string, comment, number, annotation, type,
 * plain. Joining every token's text gives back the source exactly.
 */
export function tokenize(source, language) {
  const spec = LANGUAGES[language];
  const text = String(source ?? '');
  if (!spec) {
    return text === '' ? [] : [{ type: 'plain', text }];
  }
  const tokens = [];
  const push = (type, value) => {
    const last = tokens[tokens.length - 1];
    if (last && last.type === type && type === 'plain') {
      last.text += value;
    } else if (value !== '') {
      tokens.push({ type, text: value });
    }
  };
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i, i + 3);
    if (spec.line && text.startsWith(spec.line, i)) {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      push('comment', text.slice(i, stop));
      i = stop;
      continue;
    }
    if (spec.block && text.startsWith(spec.block[0], i)) {
      const end = text.indexOf(spec.block[1], i + spec.block[0].length);
      const stop = end < 0 ? text.length : end + spec.block[1].length;
      push('comment', text.slice(i, stop));
      i = stop;
      continue;
    }
    const triple = spec.triple.find((q) => rest === q);
    if (triple) {
      const end = text.indexOf(triple, i + 3);
      const stop = end < 0 ? text.length : end + 3;
      push('string', text.slice(i, stop));
      i = stop;
      continue;
    }
    const c = text[i];
    if (spec.quotes.includes(c)) {
      const stop = stringEnd(text, i + 1, c);
      push('string', text.slice(i, stop));
      i = stop;
      continue;
    }
    if (spec.annotation && c === spec.annotation) {
      const name = /^@[A-Za-z_][\w.]*/.exec(text.slice(i));
      if (name) {
        push('annotation', name[0]);
        i += name[0].length;
        continue;
      }
    }
    const previous = i > 0 ? text[i - 1] : '';
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      if (!/[A-Za-z0-9_$]/.test(previous)) {
        const number = NUMBER.exec(text.slice(i));
        if (number) {
          push('number', number[0]);
          i += number[0].length;
          continue;
        }
      }
    }
    const identifier = IDENTIFIER.exec(text.slice(i, i + 256));
    if (identifier && !/[A-Za-z0-9_$]/.test(previous)) {
      const word = identifier[0];
      // Python string prefixes: f"...", rb'...'
      if (spec.prefixes && spec.prefixes.test(word) && spec.quotes.includes(text[i + word.length])) {
        const quoteAt = i + word.length;
        const tripleQuote = spec.triple.find((q) => text.startsWith(q, quoteAt));
        const stop = tripleQuote ? (() => {
          const end = text.indexOf(tripleQuote, quoteAt + 3);
          return end < 0 ? text.length : end + 3;
        })() : stringEnd(text, quoteAt + 1, text[quoteAt]);
        push('string', text.slice(i, stop));
        i = stop;
        continue;
      }
      if (spec.keywords.has(word)) {
        push('keyword', word);
      } else if (spec.types && /^[A-Z][A-Za-z0-9_]*$/.test(word) && /[a-z]/.test(word)) {
        push('type', word);
      } else {
        push('plain', word);
      }
      i += word.length;
      continue;
    }
    push('plain', c);
    i += 1;
  }
  return tokens;
}

/** The tokens of `source` per line (line 1 first); tokens that span lines, like block comments, are split. */
export function highlightLines(source, language) {
  const lines = [[]];
  for (const token of tokenize(source, language)) {
    const parts = token.text.split('\n');
    parts.forEach((part, index) => {
      if (index > 0) {
        lines.push([]);
      }
      if (part !== '') {
        lines[lines.length - 1].push({ type: token.type, text: part });
      }
    });
  }
  // A file ending in a newline has no extra empty line to show.
  if (lines.length > 1 && lines[lines.length - 1].length === 0 && String(source).endsWith('\n')) {
    lines.pop();
  }
  return lines;
}
