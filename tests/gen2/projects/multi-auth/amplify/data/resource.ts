import { type ClientSchema, a, defineData } from '@aws-amplify/backend';

const schema = a.schema({
  Message: a
    .model({
      body: a.string().required(),
      channel: a.string(),
    })
    .authorization((allow) => [
      allow.publicApiKey().to(['read']),
      allow.guest().to(['read']),
      allow.owner(),
    ]),
  Channel: a
    .model({
      name: a.string(),
    })
    .authorization((allow) => [allow.groups(['Admins']), allow.authenticated('identityPool').to(['read'])]),
});

export type Schema = ClientSchema<typeof schema>;

export const data = defineData({
  schema,
  authorizationModes: {
    defaultAuthorizationMode: 'userPool',
    apiKeyAuthorizationMode: { expiresInDays: 7 },
  },
});
