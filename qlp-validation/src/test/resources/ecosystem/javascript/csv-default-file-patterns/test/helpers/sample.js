'use strict';

// Shared input, not a test file of its own; node --test still loads every file under test/.
module.exports = { sample: 'name,"say ""hi"", then go",3' };
