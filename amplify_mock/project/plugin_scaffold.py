"""`amplify plugin init`: a new Node plugin package (amplify-plugin.json, index.js, commands).

The skeleton follows the plugin contract amplify-mock runs (plugin_exec.py): index.js
exports `executeAmplifyCommand(context)`, which loads `commands/<command>.js`, and
`handleAmplifyEvent(context, args)`, which loads `event-handlers/handle-<Event>.js`.
"""

from __future__ import annotations

import re
from pathlib import Path

from amplify_mock.base.files import write_json, write_text
from amplify_mock.project.errors import InvalidNameError, ProjectOperationError
from amplify_mock.project.plugins import MANIFEST

__all__ = ["scaffold_plugin"]

_NAME = re.compile(r"^[a-z][a-z0-9-]{1,40}$")

_INDEX = """const path = require('path');

async function executeAmplifyCommand(context) {
  const command = require(path.join(__dirname, 'commands', context.input.command));
  await command.run(context);
}

async function handleAmplifyEvent(context, args) {
  const handler = require(path.join(__dirname, 'event-handlers', `handle-${args.event}`));
  await handler.run(context, args);
}

module.exports = { executeAmplifyCommand, handleAmplifyEvent };
"""

_HELP = """async function run(context) {
  context.print.info('Commands of the {name} plugin: {commands}');
}

module.exports = { run };
"""

_VERSION = """const { version } = require('../package.json');

async function run(context) {
  context.print.info(version);
}

module.exports = { run };
"""

_EVENT = """async function run(context, args) {
  context.print.info('{name}: handling event ' + args.event);
}

module.exports = { run };
"""


def scaffold_plugin(parent: Path, name: str, plugin_type: str, events: tuple[str, ...]) -> Path:
    """Write the package `amplify-<name>` under `parent`; returns its folder.

    :raises InvalidNameError: not lowercase letters, digits and dashes.
    :raises ProjectOperationError: the folder exists already.
    """
    if not _NAME.match(name):
        raise InvalidNameError("plugin name", name, "use lowercase letters, digits and dashes")
    folder = parent / f"amplify-{name}"
    if folder.exists():
        raise ProjectOperationError(f"The folder {folder} exists already.")
    commands = ["help", "version"]
    write_json(
        folder / "package.json",
        {"name": folder.name, "version": "1.0.0", "main": "index.js", "license": "Apache-2.0"},
    )
    write_json(
        folder / MANIFEST,
        {"name": name, "type": plugin_type, "commands": commands, "eventHandlers": list(events)},
    )
    write_text(folder / "index.js", _INDEX)
    listed = ", ".join(commands)
    write_text(
        folder / "commands/help.js", _HELP.replace("{name}", name).replace("{commands}", listed)
    )
    write_text(folder / "commands/version.js", _VERSION)
    for event in events:
        write_text(folder / f"event-handlers/handle-{event}.js", _EVENT.replace("{name}", name))
    return folder
