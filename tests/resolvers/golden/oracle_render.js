#!/usr/bin/env node
// Renders golden cases with the real Amplify simulator's VTL engine (used only by regen.py).
//
//   node oracle_render.js NODE_MODULES CASES.json
//
// Like ../shared/oracle/render.js (clock frozen at 2024-01-01T00:00:00.000Z, fixed autoId), plus:
//  * $ctx.info and a GraphQL `info` stub, so $util.error / $util.unauthorized report their
//    message and errorType instead of crashing in the harness;
//  * toDynamoDBConditionExpression returns expressionValues, as AppSync documents (the
//    simulator drops them, which breaks every generated template given a `condition`).
const fs = require('fs');
const path = require('path');
const nm = process.argv[2];
const sim = path.join(nm, '@aws-amplify/amplify-appsync-simulator/lib/velocity');
const { parse, Compile } = require(path.join(nm, 'amplify-velocity-template'));
const { map } = require(path.join(sim, 'value-mapper/mapper'));
const { create } = require(path.join(sim, 'util'));
const { transformUtils } = require(path.join(sim, 'util/transform'));
const { generateFilterExpression } = require(path.join(sim, 'util/transform/dynamodb-filter'));

transformUtils.toDynamoDBConditionExpression = (condition) => {
  const result = generateFilterExpression(condition.toJSON());
  return JSON.stringify({
    expression: result.expressions.join(' ').trim(),
    expressionNames: result.expressionNames,
    expressionValues: result.expressionValues,
  });
};

const FIXED_NOW = new Date('2024-01-01T00:00:00.000Z');
const RealDate = Date;
global.Date = class extends RealDate {
  constructor(...a) { if (a.length === 0) super(FIXED_NOW.getTime()); else super(...a); }
  static now() { return FIXED_NOW.getTime(); }
};

const cases = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
const out = {};
for (const c of cases) {
  const raw = JSON.parse(JSON.stringify(c.ctx));
  const info = { fieldName: c.info.fieldName, parentType: c.info.parentTypeName,
                 path: { key: c.info.fieldName }, fieldNodes: [] };
  const util = create([], FIXED_NOW, info, { headers: raw.request.headers });
  util.autoId = () => '00000000-0000-4000-8000-000000000000';
  const args = map(raw.arguments);
  const ctx = {
    arguments: args, args,
    identity: raw.identity ? map(raw.identity) : null,
    source: map(raw.source),
    result: raw.result === undefined ? undefined : map(raw.result),
    stash: map(raw.stash),
    prev: map(raw.prev),
    request: raw.request,
    info: map(c.info),
  };
  try {
    const compiler = new Compile(parse(c.template), { valueMapper: map, escape: false });
    const rendered = compiler.render({ util, utils: util, ctx, context: ctx });
    out[c.name] = { out: rendered, isReturn: !!compiler._state.return,
                    utilErrors: util.errors.map((e) => ({ message: e.message, type: e.errorType })) };
  } catch (e) {
    const last = util.errors[util.errors.length - 1];
    out[c.name] = last
      ? { raised: { message: last.message, type: last.errorType } }
      : { error: String(e.message).slice(0, 500) };
  }
}
process.stdout.write(JSON.stringify(out) + '\n');
