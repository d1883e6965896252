import { defineData } from '@aws-amplify/backend';

export const data = defineData({
  schema: /* GraphQL */ `
    type StoreBranch @model {
      tenantId: ID! @primaryKey(sortKeyFields: ["name", "country"])
      name: String!
      country: String!
      city: String
    }
  `,
});
