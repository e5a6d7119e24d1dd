'use strict';

function formatLine(fields, separator = ',') {
  return fields.map((f) => (/[",\n]/.test(f) || f.includes(separator) ? `"${f.replace(/"/g, '""')}"` : f))
    .join(separator);
}

module.exports = { formatLine };
