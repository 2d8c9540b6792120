#!/usr/bin/env node
// The CLI, built by tsup into dist/ (this file exists before a build, so installs can link it).
import '../dist/cli.js';
