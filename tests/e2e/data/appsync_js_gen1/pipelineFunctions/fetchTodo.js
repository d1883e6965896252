import { util } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';

export function request(ctx) {
  ctx.stash.trail.push('js');
  return get({ key: { id: ctx.args.id } });
}

export function response(ctx) {
  if (!ctx.result) {
    util.error(`Todo ${ctx.args.id} not found`, 'NotFound');
  }
  return ctx.result;
}
