import { type ClientSchema, a, defineData } from '@aws-amplify/backend';

const schema = a
  .schema({
    Address: a.customType({
      street: a.string(),
      city: a.string(),
      zip: a.string(),
    }),
    Privacy: a.enum(['PRIVATE', 'FRIENDS', 'PUBLIC']),
    Person: a.model({
      name: a.string().required(),
      email: a.email(),
      birthday: a.date(),
      address: a.ref('Address'),
      privacy: a.ref('Privacy'),
      website: a.url(),
      score: a.float().default(0),
      meta: a.json(),
    }),
  })
  .authorization((allow) => [allow.publicApiKey()]);

export type Schema = ClientSchema<typeof schema>;

export const data = defineData({ schema });
