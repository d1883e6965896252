import { a, defineData } from '@aws-amplify/backend';

const schema = a.schema({
  Status: a.enum(['ACTIVE', 'INACTIVE']),
  Location: a.customType({
    lat: a.float(),
    long: a.float(),
  }),
  ping: a
    .query()
    .returns(a.string())
    .handler(a.handler.custom({ entry: './ping.js' }))
    .authorization((allow) => [allow.publicApiKey()]),
  locate: a
    .query()
    .arguments({ status: a.ref('Status') })
    .returns(a.ref('Location'))
    .handler(a.handler.custom({ entry: './locate.js' }))
    .authorization((allow) => [allow.publicApiKey()]),
});

export const data = defineData({ schema });
