import { type ClientSchema, a, defineData } from '@aws-amplify/backend';

const schema = a
  .schema({
    StoreBranch: a
      .model({
        tenantId: a.id().required(),
        name: a.string().required(),
        country: a.string(),
      })
      .identifier(['tenantId', 'name']),
    Product: a
      .model({
        sku: a.string().required(),
        price: a.float(),
        status: a.enum(['DRAFT', 'PUBLISHED']),
      })
      .identifier(['sku']),
  })
  .authorization((allow) => [allow.publicApiKey()]);

export type Schema = ClientSchema<typeof schema>;

export const data = defineData({ schema });
