import { type ClientSchema, a, defineData } from '@aws-amplify/backend';

const schema = a.schema({
  Customer: a
    .model({
      name: a.string(),
      phoneNumber: a.phone(),
      accountRepresentativeId: a.id().required(),
    })
    .secondaryIndexes((index) => [
      index('accountRepresentativeId').sortKeys(['name']).queryField('listByRep'),
    ])
    .authorization((allow) => [allow.owner()]),
});

export type Schema = ClientSchema<typeof schema>;

export const data = defineData({ schema });
