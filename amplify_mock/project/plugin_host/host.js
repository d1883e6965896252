// Runs one command or event handler of an Amplify CLI Node plugin for amplify-mock.
// argv[2]: a JSON file with {pluginDir, mode: "command" | "event", input, event, data}.
// The plugin's main module exports executeAmplifyCommand(context) and/or
// handleAmplifyEvent(context, args), as the Amplify CLI calls them.
'use strict';
const fs = require('fs');
const path = require('path');

const request = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const data = request.data || {};

const print = {
  info: (message) => console.log(message),
  success: (message) => console.log(message),
  warning: (message) => console.log(message),
  error: (message) => console.error(message),
  blue: (message) => console.log(message),
  green: (message) => console.log(message),
  yellow: (message) => console.log(message),
  red: (message) => console.log(message),
};

const context = {
  input: request.input,
  print,
  parameters: { options: (request.input || {}).options || {} },
  amplify: {
    getProjectConfig: () => data.projectConfig,
    getProjectMeta: () => data.meta,
    getEnvInfo: () => data.envInfo,
    getProjectDetails: () => ({
      projectConfig: data.projectConfig,
      amplifyMeta: data.meta,
      localEnvInfo: data.envInfo,
      teamProviderInfo: data.teamProviderInfo,
    }),
    pathManager: { findProjectRoot: () => data.projectRoot },
  },
};

async function main() {
  const pkg = path.join(request.pluginDir, 'package.json');
  const main = fs.existsSync(pkg) ? JSON.parse(fs.readFileSync(pkg, 'utf8')).main || 'index.js' : 'index.js';
  const plugin = require(path.resolve(request.pluginDir, main));
  if (request.mode === 'event') {
    if (typeof plugin.handleAmplifyEvent !== 'function') {
      throw new Error('the plugin exports no handleAmplifyEvent');
    }
    await plugin.handleAmplifyEvent(context, { event: request.event, data: request.eventData || {} });
  } else {
    if (typeof plugin.executeAmplifyCommand !== 'function') {
      throw new Error('the plugin exports no executeAmplifyCommand');
    }
    await plugin.executeAmplifyCommand(context);
  }
}

main().then(
  () => process.exit(process.exitCode || 0),
  (err) => {
    console.error(err && err.stack ? err.stack : String(err));
    process.exit(1);
  },
);
