import { type ClientSchema, a, defineData } from '@aws-amplify/backend';

const schema = a.schema({
  Article: a
    .model({
      title: a.string().required(),
      body: a.string(),
      editors: a.string().array(),
    })
    .authorization((allow) => [
      allow.group('Admins'),
      allow.ownersDefinedIn('editors').to(['read', 'update']),
      allow.authenticated().to(['read']),
    ]),
});

export type Schema = ClientSchema<typeof schema>;

export const data = defineData({ schema });
