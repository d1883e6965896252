"""Renders AppSync mapping templates: airspeed parses, this package compiles to Python with Java
Velocity semantics (the only package that imports airspeed).

airspeed's own evaluator diverges from Velocity as AppSync runs it (truthiness, `#foreach` over
maps, printing, integer division, `#break`/`#return`, ...), so only its parser is used: the parse
tree is translated once into a Python function, cached by template content.

Modules: `parser` (airspeed, patched), `compiler` (parse tree -> Python source), `runtime` (the
helpers the generated code calls), `template` (compile + cache, render).

Not emulated: `#include`, `#parse`, `#define`, `#evaluate` (AppSync does not offer them either).
`#set($x = <null>)` assigns null, as the Amplify simulator does; Velocity 1.7 by default keeps the
old value. The generated Amplify templates render the same either way (checked with the golden
suite under both rules).
"""

from __future__ import annotations

from resolvers.vtl.template import CompiledTemplate, RenderResult, compile_template, render

__all__ = ["CompiledTemplate", "RenderResult", "compile_template", "render"]
