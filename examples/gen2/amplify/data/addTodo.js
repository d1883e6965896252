import { util } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';

/** Creates a Todo owned by the caller, done: false (an APPSYNC_JS custom mutation). */
export function request(ctx) {
  const now = util.time.nowISO8601();
  return ddb.put({
    key: { id: util.autoId() },
    item: {
      __typename: 'Todo',
      content: ctx.args.content,
      done: false,
      owner: `${ctx.identity.sub}::${ctx.identity.username}`,
      createdAt: now,
      updatedAt: now,
    },
  });
}

export function response(ctx) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  return ctx.result;
}
