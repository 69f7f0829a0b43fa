#!/usr/bin/env node
// Placeholder entry while the CLI is written (replaced in the next commit).
console.log('tsdock');
