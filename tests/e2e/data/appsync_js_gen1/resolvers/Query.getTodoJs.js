import { util } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';

export function request(ctx) {
  return ddb.get({ key: { id: ctx.args.id } });
}

export function response(ctx) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  if (!ctx.result) {
    util.error(`Todo ${ctx.args.id} not found`, 'NotFound');
  }
  return { ...ctx.result, name: util.str.toUpper(ctx.result.name) };
}
